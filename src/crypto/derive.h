/* derive.h: domain-separated keyed hashing (BLAKE2b with a personalisation string)
 * and strict base64url, shared by the crypto modules.
 *
 * Every derived value in duet names its purpose in `context` (at most 16 bytes,
 * e.g. "duet:session-id"), so that two derivations from the same secret are
 * independent: knowing one output tells nothing about another.
 */
#ifndef DUET_DERIVE_H
#define DUET_DERIVE_H

#include "crypto.h"

#include <stddef.h>

/* out = BLAKE2b(in, key, personal = context) of `outlen` bytes (16..64). `key` may
 * be NULL (keylen 0) or 16..64 bytes. `context` is at most 16 bytes. */
void derive_hash(unsigned char *out, size_t outlen, const char *context, const void *in,
                 size_t inlen, const unsigned char *key, size_t keylen);

/* Writes base64url without padding of bin[0..n) and a NUL; `out` holds
 * CRYPTO_B64_LEN(n) + 1 bytes. */
void derive_b64(char *out, const void *bin, size_t n);

/* Decodes base64url text s[0..slen) (no padding, canonical) into exactly n bytes.
 * 0, or -1 when the text is not canonical base64url of exactly n bytes. */
int derive_unb64(void *bin, size_t n, const char *s, size_t slen) WARN_UNUSED_RESULT;

#endif
