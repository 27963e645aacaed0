/* keys.h: random data keys and key wrapping.
 *
 * A person's data key seals their private entries (seal.h). It is stored only
 * wrapped: encrypted with XChaCha20-Poly1305 under a key-encryption key (kek) that
 * comes from the passphrase (pw.h), the recovery code (recovery.h) or a session
 * token (token.h). The associated data `ad` names what the wrapped text is for
 * and whose it is, so a wrapped key copied to another row or another person does
 * not unwrap. The ad strings are a stored format, made only by the key_ad_*
 * functions below: "pass:<login>", "recovery:<login>", "session:<user id>" for
 * wrapped data keys, "journal:user:<user id>" for sealed journal entries and
 * "invite:user:<user id>" for the sealed invite code its maker can see again
 * (seal.h). Changing one makes every stored record of that kind unreadable.
 *
 * Wrapped text: base64url without padding of nonce (24 bytes) || ciphertext (32 +
 * 16-byte tag): always KEY_WRAP_LEN characters.
 * Unwrapped keys are secrets: the caller wipes them with sodium_memzero() after use.
 */
#ifndef DUET_KEYS_H
#define DUET_KEYS_H

#include "crypto.h"

#include <stdint.h>

#define WRAP_B64_MAX 128
#define KEY_AD_MAX 128 /* an ad string with its NUL (logins are shorter: LOGIN_MAX) */
#define KEY_WRAP_LEN 96

/* The associated data of each kind of wrapped or sealed record (see above).
 * `login` is at most KEY_AD_MAX - 10 bytes (asserted). */
void key_ad_pass(char out[KEY_AD_MAX], const char *login);
void key_ad_recovery(char out[KEY_AD_MAX], const char *login);
void key_ad_session(char out[KEY_AD_MAX], int64_t user_id);
void key_ad_journal(char out[KEY_AD_MAX], int64_t user_id);
void key_ad_invite(char out[KEY_AD_MAX], int64_t user_id);

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
