/* token.c: session tokens, their ids, keys and CSRF tokens (see token.h). */
#include "token.h"

#include <sodium.h>
#include <string.h>

#include "derive.h"

#define TOKEN_BYTES 32

_Static_assert(CRYPTO_B64_LEN(TOKEN_BYTES) == TOKEN_B64_LEN, "token length");

void token_new(char out[TOKEN_B64_LEN + 1])
{
	unsigned char raw[TOKEN_BYTES];
	randombytes_buf(raw, sizeof raw);
	derive_b64(out, raw, sizeof raw);
	sodium_memzero(raw, sizeof raw);
}

int token_valid(const char *token)
{
	unsigned char raw[TOKEN_BYTES];
	if (!token || strnlen(token, TOKEN_B64_LEN + 1) != TOKEN_B64_LEN)
		return -1;
	int rc = derive_unb64(raw, sizeof raw, token, TOKEN_B64_LEN);
	sodium_memzero(raw, sizeof raw);
	return rc;
}

void token_id(const char *token, char out_hex[TOKEN_ID_HEX_LEN + 1])
{
	unsigned char h[TOKEN_ID_HEX_LEN / 2];
	derive_hash(h, sizeof h, "duet:session-id", token, strlen(token), NULL, 0);
	sodium_bin2hex(out_hex, TOKEN_ID_HEX_LEN + 1, h, sizeof h);
}

void token_kek(const char *token, unsigned char kek[KEY_BYTES])
{
	derive_hash(kek, KEY_BYTES, "duet:session-kek", token, strlen(token), NULL, 0);
}

void token_csrf(const char *token, char out[TOKEN_B64_LEN + 1])
{
	unsigned char h[TOKEN_BYTES];
	derive_hash(h, sizeof h, "duet:csrf", token, strlen(token), NULL, 0);
	derive_b64(out, h, sizeof h);
}

int token_equal(const char *a, const char *b)
{
	if (!a || !b)
		return 0;
	size_t n = strlen(a);
	if (strlen(b) != n)
		return 0;
	return n == 0 || sodium_memcmp(a, b, n) == 0;
}
