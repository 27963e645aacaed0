/* keys.c: data keys wrapped with XChaCha20-Poly1305 (see keys.h). */
#include "keys.h"

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
