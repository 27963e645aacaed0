/* recovery.c: Crockford base32 recovery codes with a check (see recovery.h). */
#include "recovery.h"

#include <sodium.h>
#include <string.h>

#include "derive.h"

#define RAW_BYTES 16
#define CODE_CHARS 28   /* (128 + 12) / 5 */
#define PACKED_BYTES 18 /* 140 bits, rounded up */

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* packed = raw || first 12 bits of a hash of raw, then 4 zero bits. */
static void pack(const unsigned char raw[RAW_BYTES], unsigned char packed[PACKED_BYTES])
{
	unsigned char check[16];
	derive_hash(check, sizeof check, "duet:recov-check", raw, RAW_BYTES, NULL, 0);
	memcpy(packed, raw, RAW_BYTES);
	packed[16] = check[0];
	packed[17] = check[1] & 0xf0;
}

/* The 5-bit group number i (0..CODE_CHARS-1) of packed. */
static unsigned group(const unsigned char packed[PACKED_BYTES], unsigned i)
{
	unsigned bit = i * 5, byte = bit / 8, shift = bit % 8;
	unsigned v = (unsigned)packed[byte] << 8 | (byte + 1 < PACKED_BYTES ? packed[byte + 1] : 0);
	return (v >> (11 - shift)) & 0x1f;
}

void recovery_code_new(char out[RECOVERY_CODE_MAX])
{
	unsigned char raw[RAW_BYTES], packed[PACKED_BYTES];
	size_t o = 0;
	randombytes_buf(raw, sizeof raw);
	pack(raw, packed);
	for (unsigned i = 0; i < CODE_CHARS; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = alphabet[group(packed, i)];
	}
	out[o] = '\0';
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(packed, sizeof packed);
}

/* The 5-bit value of a code character, or -1 when it is not one. */
static int symbol(char c)
{
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	if (c == 'O')
		c = '0';
	else if (c == 'I' || c == 'L')
		c = '1';
	const char *at = c ? strchr(alphabet, c) : NULL;
	return at ? (int)(at - alphabet) : -1;
}

/* Decodes a code (any case, spaces, tabs, line breaks, dashes) into its packed
 * bits and checks its check bits; 0, or -1 when malformed. */
static int decode(const char *code, unsigned char packed[PACKED_BYTES])
{
	unsigned char expect[PACKED_BYTES];
	unsigned n = 0;
	int rc = -1;

	sodium_memzero(packed, PACKED_BYTES);
	for (const char *p = code; p && *p; p++) {
		if (strchr(" \t\r\n-", *p))
			continue;
		int v = symbol(*p);
		if (v < 0 || n == CODE_CHARS)
			goto out;
		unsigned bit = n * 5;
		unsigned acc = (unsigned)v << (11 - bit % 8);
		packed[bit / 8] |= (unsigned char)(acc >> 8);
		if (bit / 8 + 1 < PACKED_BYTES)
			packed[bit / 8 + 1] |= (unsigned char)(acc & 0xff);
		n++;
	}
	if (n != CODE_CHARS)
		goto out;
	pack(packed, expect);
	if (sodium_memcmp(packed, expect, PACKED_BYTES) != 0)
		goto out;
	rc = 0;
out:
	sodium_memzero(expect, sizeof expect);
	return rc;
}

int recovery_kek(const char *code, unsigned char kek[KEY_BYTES])
{
	unsigned char packed[PACKED_BYTES];
	sodium_memzero(kek, KEY_BYTES);
	int rc = decode(code, packed);
	if (rc == 0)
		derive_hash(kek, KEY_BYTES, "duet:recov-kek", NULL, 0, packed, RAW_BYTES);
	sodium_memzero(packed, sizeof packed);
	return rc;
}

int code_fingerprint(const char *code, char hex[65])
{
	unsigned char packed[PACKED_BYTES], h[32];
	hex[0] = '\0';
	int rc = decode(code, packed);
	if (rc == 0) {
		derive_hash(h, sizeof h, "duet:code-id", NULL, 0, packed, RAW_BYTES);
		sodium_bin2hex(hex, 65, h, sizeof h);
	}
	sodium_memzero(packed, sizeof packed);
	sodium_memzero(h, sizeof h);
	return rc;
}
