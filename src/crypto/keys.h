/* keys.h: random data keys and key wrapping.
 *
 * A person's data key seals their private entries (seal.h). It is stored only
 * wrapped: encrypted with XChaCha20-Poly1305 under a key-encryption key (kek) that
 * comes from the passphrase (pw.h), the recovery code (recovery.h) or a session
 * token (token.h). The associated data `ad` names what the wrapped text is for
 * (e.g. "user:42:pass", "user:42:recovery", "user:42:session:<token id>"), so a
 * wrapped key copied to another row or another person does not unwrap.
 *
 * Wrapped text: base64url without padding of nonce (24 bytes) || ciphertext (32 +
 * 16-byte tag): always KEY_WRAP_LEN characters.
 * Unwrapped keys are secrets: the caller wipes them with sodium_memzero() after use.
 */
#ifndef DUET_KEYS_H
#define DUET_KEYS_H

#include "crypto.h"

#define WRAP_B64_MAX 128
#define KEY_WRAP_LEN 96

/* Fills key with random bytes. */
void key_random(unsigned char key[KEY_BYTES]);

/* Encrypts key under kek with a random nonce, binding ad (NULL means ""), and writes
 * the wrapped text with its NUL into out. Always 0: it cannot fail, so the result
 * need not be checked; the int is kept for the API's shape. */
int key_wrap(const unsigned char key[KEY_BYTES], const unsigned char kek[KEY_BYTES], const char *ad,
             char out[WRAP_B64_MAX]);

/* Opens wrapped text (NUL-terminated). 0 and key filled; -1, with key zeroed, when
 * kek or ad is wrong or the text is malformed, truncated or tampered with. */
int key_unwrap(const char *wrapped, const unsigned char kek[KEY_BYTES], const char *ad,
               unsigned char key[KEY_BYTES]) WARN_UNUSED_RESULT;

#endif
