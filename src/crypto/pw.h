/* pw.h: passphrase records with Argon2id (libsodium crypto_pwhash).
 *
 * From a passphrase and a fresh 16-byte salt, Argon2id gives a 32-byte secret;
 * two keyed hashes of it (contexts "duet:pw-verify", "duet:pw-kek") give the
 * verifier, which is stored, and the key-encryption key (kek), which is never
 * stored and unwraps the person's data key (keys.h). The verifier reveals nothing
 * about the kek, so the stored record lets the server check a passphrase but not
 * open private entries.
 *
 * A record is one line of text that carries its own parameters, so they can be
 * raised later without breaking old records:
 *     argon2id$1$ops=2$mem=67108864$<salt, 22 chars>$<verifier, 43 chars>
 * (base64url without padding; "1" is the version of this derivation). Records
 * with ops above PW_OPS_MAX or mem above PW_MEM_MAX are refused as malformed, so a
 * damaged record cannot make the server hash for hours.
 *
 * At most crypto_setup(N) hashes run at once; pw_new and pw_check wait for a slot.
 * Passphrases longer than PW_PASS_MAX bytes are refused (-1); length rules for
 * people (at least 10 characters) belong to the caller.
 */
#ifndef DUET_PW_H
#define DUET_PW_H

#include "crypto.h"

#include <stddef.h>

#define PW_REC_MAX 256
#define PW_PASS_MAX 1024
#define PW_OPS_MAX 64ULL
#define PW_MEM_MAX (4ULL << 30) /* 4 GiB */

/* Sets the Argon2id parameters for new records (clamped to libsodium's minimum and
 * to PW_OPS_MAX / PW_MEM_MAX). Existing records keep theirs; see pw_needs_rehash.
 * Defaults: crypto_pwhash_OPSLIMIT_INTERACTIVE (2 passes) and
 * crypto_pwhash_MEMLIMIT_INTERACTIVE (64 MiB): 0.1 to 0.2 s per sign-in on one
 * core, memory-hard enough that guessing passphrases from a stolen
 * database stays slow and costly on GPUs, and small enough that a home server
 * with little memory, or a host with many people signing in, keeps up (N hashes
 * at once need N x 64 MiB). A host with more memory can raise them. */
void pw_set_limits(unsigned long long opslimit, size_t memlimit);

/* Makes a record for `pass` (len bytes, any content) with the current limits and a
 * fresh salt into rec (NUL-terminated) and the key-encryption key into kek.
 * 0, or -1 when the passphrase is longer than PW_PASS_MAX, memory runs out or
 * crypto_setup() has not run (rec is then "" and kek zeroed). The caller wipes kek
 * with sodium_memzero() once it has used it. */
int pw_new(const char *pass, size_t len, char rec[PW_REC_MAX],
           unsigned char kek[KEY_BYTES]) WARN_UNUSED_RESULT;

/* Checks `pass` against rec with the parameters recorded in rec; the verifier is
 * compared in constant time. 0 and kek filled when it matches; 1 when it does
 * not; -1 when rec is malformed, the passphrase is longer than PW_PASS_MAX, or
 * memory runs out. kek is zeroed unless 0 is returned; the caller wipes it after
 * use. For an account that does not exist, check against a record made once at
 * start-up from a random passphrase, so that the answer takes as long and does
 * not tell who has an account. */
int pw_check(const char *pass, size_t len, const char *rec,
             unsigned char kek[KEY_BYTES]) WARN_UNUSED_RESULT;

/* 1 when rec's parameters (or derivation version) are below the current limits,
 * so the caller should make a new record (and re-wrap the data key) after a
 * successful pw_check; 0 when not; -1 when rec is malformed. */
int pw_needs_rehash(const char *rec) WARN_UNUSED_RESULT;

/* Called by crypto_setup(): allows at most `max_concurrent` hashes at once. 0 / -1. */
int pw_setup(int max_concurrent) WARN_UNUSED_RESULT;

/* The number of hashes running now and the most that ran at once since the last
 * pw_setup(); either pointer may be NULL. For tests and metrics. */
void pw_stats(int *in_flight, int *peak);

#endif
