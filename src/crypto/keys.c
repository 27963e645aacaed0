/* keys.c: data keys wrapped with XChaCha20-Poly1305 (see keys.h). */
#include "keys.h"

#include <assert.h>
#include <stdio.h>

#include <sodium.h>
#include <string.h>

#include "derive.h"

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WRAP_BYTES (NONCE_BYTES + KEY_BYTES + TAG_BYTES)

_Static_assert(CRYPTO_B64_LEN(WRAP_BYTES) == KEY_WRAP_LEN, "wrapped length");
_Static_assert(KEY_WRAP_LEN < WRAP_B64_MAX, "wrapped text fits");

void key_random(unsigned char key[KEY_BYTES])
{
	randombytes_buf(key, KEY_BYTES);
}

int key_wrap(const unsigned char key[KEY_BYTES], const unsigned char kek[KEY_BYTES], const char *ad,
             char out[WRAP_B64_MAX])
{
	unsigned char w[WRAP_BYTES];
	if (!ad)
		ad = "";
	randombytes_buf(w, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt(w + NONCE_BYTES, NULL, key, KEY_BYTES,
	                                           (const unsigned char *)ad, strlen(ad), NULL, w,
	                                           kek);
	derive_b64(out, w, sizeof w);
	return 0;
}

int key_unwrap(const char *wrapped, const unsigned char kek[KEY_BYTES], const char *ad,
               unsigned char key[KEY_BYTES])
{
	unsigned char w[WRAP_BYTES];
	if (!ad)
		ad = "";
	sodium_memzero(key, KEY_BYTES);
	if (!wrapped || derive_unb64(w, sizeof w, wrapped, strnlen(wrapped, WRAP_B64_MAX)) < 0)
		return -1;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
	        key, NULL, NULL, w + NONCE_BYTES, KEY_BYTES + TAG_BYTES, (const unsigned char *)ad,
	        strlen(ad), w, kek) != 0) {
		sodium_memzero(key, KEY_BYTES);
		return -1;
	}
	return 0;
}

/* Writes "<kind><value>" into out; a value that does not fit is a programmer's
 * error (logins are bounded long before this). */
static void ad_text(char out[KEY_AD_MAX], const char *kind, const char *value)
{
	int n = snprintf(out, KEY_AD_MAX, "%s%s", kind, value);
	assert(n > 0 && n < KEY_AD_MAX);
	(void)n;
}

static void ad_id(char out[KEY_AD_MAX], const char *kind, int64_t id)
{
	char num[24];
	snprintf(num, sizeof num, "%lld", (long long)id);
	ad_text(out, kind, num);
}

void key_ad_pass(char out[KEY_AD_MAX], const char *login)
{
	ad_text(out, "pass:", login);
}

void key_ad_recovery(char out[KEY_AD_MAX], const char *login)
{
	ad_text(out, "recovery:", login);
}

void key_ad_session(char out[KEY_AD_MAX], int64_t user_id)
{
	ad_id(out, "session:", user_id);
}

void key_ad_journal(char out[KEY_AD_MAX], int64_t user_id)
{
	ad_id(out, "journal:user:", user_id);
}

void key_ad_invite(char out[KEY_AD_MAX], int64_t user_id)
{
	ad_id(out, "invite:user:", user_id);
}
