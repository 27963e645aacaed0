/* derive.c: keyed BLAKE2b with a context, and strict base64url (see derive.h). */
#include "derive.h"

#include <assert.h>
#include <sodium.h>
#include <string.h>

void derive_hash(unsigned char *out, size_t outlen, const char *context, const void *in,
                 size_t inlen, const unsigned char *key, size_t keylen)
{
	unsigned char personal[crypto_generichash_blake2b_PERSONALBYTES] = {0};
	size_t clen = strlen(context);
	assert(clen <= sizeof personal);
	memcpy(personal, context, clen);
	int rc = crypto_generichash_blake2b_salt_personal(out, outlen, in, inlen, key, keylen, NULL,
	                                                  personal);
	assert(rc == 0); /* fails only on sizes a programmer chose */
	(void)rc;
}

void derive_b64(char *out, const void *bin, size_t n)
{
	sodium_bin2base64(out, CRYPTO_B64_LEN(n) + 1, bin, n,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int derive_unb64(void *bin, size_t n, const char *s, size_t slen)
{
	size_t got = 0;
	if (slen != CRYPTO_B64_LEN(n))
		return -1;
	/* With b64_end NULL, libsodium rejects any stray character and any
	 * non-zero unused bits, so only the one canonical text decodes. */
	if (sodium_base642bin(bin, n, s, slen, NULL, &got, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    got != n)
		return -1;
	return 0;
}
