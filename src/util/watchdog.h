/* watchdog.h: a bound on how long stopping may take.
 *
 * After SIGTERM the server finishes what is under way (queued sign-in hashes,
 * open event streams, unsynced writes, reminder and push workers, the
 * database). Should any of those steps wait for ever, an operator's
 * `systemctl stop` or a test would hang with no word of why. watchdog_arm()
 * starts one detached thread that, unless watchdog_disarm() is called within
 * `seconds`, writes which step was still running to stderr and ends the
 * process with _exit(1). Steps are named with watchdog_step(); the name must
 * be a string literal (it is read from another thread, never copied).
 * Arming twice is a no-op; all three calls are safe from any thread. */
#ifndef DUET_WATCHDOG_H
#define DUET_WATCHDOG_H

void watchdog_arm(unsigned seconds);
void watchdog_step(const char *literal);
void watchdog_disarm(void);

#endif
