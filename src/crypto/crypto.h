/* crypto.h: setup of duet's cryptography and the size of every symmetric key.
 *
 * The key hierarchy and threat model are explained in docs/SECURITY.md. In short:
 * a person's private entries are sealed (seal.h) under a random data key; the data
 * key is stored only wrapped (keys.h) by keys derived from the passphrase (pw.h),
 * the one-time recovery code (recovery.h) and each live session token (token.h).
 *
 * crypto_setup() must run once, before any other function of src/crypto/ and
 * before threads start; the other functions are then safe to call from any thread.
 */
#ifndef DUET_CRYPTO_H
#define DUET_CRYPTO_H

#include "util/common.h"

#define KEY_BYTES 32

/* Length of the base64url text (no padding) of n bytes, without the NUL. Every
 * binary value duet's crypto writes as text uses this encoding. */
#define CRYPTO_B64_LEN(n) (((n) / 3) * 4 + ((n) % 3 ? (n) % 3 + 1 : 0))

/* Initialises libsodium and allows at most `max_concurrent_hashes` passphrase
 * hashes (pw_new, pw_check) to run at once; each takes the memory of its record's
 * parameters (64 MiB at the default), so this bounds memory during a burst of
 * sign-ins. May be called again to change the bound. 0, or -1 when libsodium
 * cannot start or the bound is below 1. */
int crypto_setup(int max_concurrent_hashes) WARN_UNUSED_RESULT;

#endif
