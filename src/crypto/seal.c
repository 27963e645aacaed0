/* seal.c: XChaCha20-Poly1305 sealing of private text (see seal.h). */
#include "seal.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define CHUNK 3072 /* bytes encoded per step: a multiple of 3, so chunks join cleanly */

_Static_assert(NONCE_BYTES + TAG_BYTES == SEAL_OVERHEAD, "overhead");

int seal_text(const unsigned char key[KEY_BYTES], const char *plain, size_t len, const char *ad,
              struct buf *out)
{
	char text[CRYPTO_B64_LEN(CHUNK) + 1];
	if (len > SEAL_PLAIN_MAX)
		return -1;
	if (!ad)
		ad = "";
	size_t total = NONCE_BYTES + len + TAG_BYTES;
	unsigned char *sealed = malloc(total);
	if (!sealed)
		return -1;
	randombytes_buf(sealed, NONCE_BYTES);
	crypto_aead_xchacha20poly1305_ietf_encrypt_detached(
	    sealed + NONCE_BYTES, sealed + NONCE_BYTES + len, NULL,
	    (const unsigned char *)(len ? plain : ""), len, (const unsigned char *)ad, strlen(ad),
	    NULL, sealed, key);
	int rc = 0;
	for (size_t off = 0; off < total && rc == 0; off += CHUNK) {
		size_t n = total - off < CHUNK ? total - off : CHUNK;
		sodium_bin2base64(text, sizeof text, sealed + off, n,
		                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		rc = buf_append(out, text, CRYPTO_B64_LEN(n));
	}
	free(sealed);
	return rc;
}

int open_text(const unsigned char key[KEY_BYTES], const char *sealed, size_t len, const char *ad,
              struct buf *out)
{
	size_t got = 0;
	if (!ad)
		ad = "";
	if (len < SEAL_B64_LEN(0) || len > SEAL_B64_LEN(SEAL_PLAIN_MAX))
		return -1;
	size_t max = len / 4 * 3 + 2;
	unsigned char *bin = malloc(max);
	if (!bin)
		return -1;
	int rc = -1;
	if (sodium_base642bin(bin, max, sealed, len, NULL, &got, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    got < SEAL_OVERHEAD)
		goto out;
	size_t n = got - SEAL_OVERHEAD;
	unsigned char *text = bin + NONCE_BYTES;
	/* In place: libsodium checks the tag over the ciphertext before decrypting. */
	if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(text, NULL, text, n, text + n,
	                                                        (const unsigned char *)ad,
	                                                        strlen(ad), bin, key) != 0)
		goto out;
	rc = buf_append(out, text, n);
	sodium_memzero(text, n);
out:
	free(bin);
	return rc;
}
