/* recovery.h: one-time recovery codes, shown once at sign-up, that unwrap the data
 * key when the passphrase is lost.
 *
 * A code is 128 random bits and a 12-bit check, written as 28 Crockford base32
 * characters (digits and capitals without I, L, O, U) in seven groups of four:
 *     7KQ2-M9XD-4HBW-0RTE-ZN5C-J8FP-6AVG
 * The check catches most typing mistakes before any key is tried.
 *
 * The code's key-encryption key is a keyed BLAKE2b hash of the 128 bits (context
 * "duet:recov-kek"), not a slow passphrase hash: slow hashing only helps secrets
 * people choose, which are guessable; 2^128 equally likely codes cannot be
 * searched however fast each guess is, so speed costs nothing in safety.
 */
#ifndef DUET_RECOVERY_H
#define DUET_RECOVERY_H

#include "crypto.h"

#define RECOVERY_CODE_MAX 48
#define RECOVERY_CODE_LEN 34 /* 7 groups of 4 and 6 dashes */

/* Writes a new random code (RECOVERY_CODE_LEN characters and a NUL) into out.
 * The caller shows it once and wipes it with sodium_memzero(). */
void recovery_code_new(char out[RECOVERY_CODE_MAX]);

/* Derives the code's key-encryption key. Accepts any case, spaces, tabs, line
 * breaks and dashes anywhere, and reads I and L as 1 and O as 0. 0 and kek filled;
 * -1, with kek zeroed, when the code is malformed (wrong length, a character
 * outside the alphabet, or the check does not match). The caller wipes kek. */
int recovery_kek(const char *code, unsigned char kek[KEY_BYTES]) WARN_UNUSED_RESULT;

/* The same kind of code used as a one-time invitation (couple invites,
 * counsellor codes): the hex fingerprint stored in place of the code, derived
 * under its own context so it unlocks nothing. -1 when the code is malformed. */
int code_fingerprint(const char *code, char hex[65]) WARN_UNUSED_RESULT;

#endif
