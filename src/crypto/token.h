/* token.h: session tokens and what is derived from them.
 *
 * A token is 256 random bits as 43 base64url characters (no padding). It lives
 * only in the person's cookie (or Bearer header). The server stores token_id(), a
 * hash that finds the session row but unlocks nothing; token_kek(), a different
 * hash, unwraps the data key wrapped for that session; token_csrf(), a third,
 * is put in forms. Each is BLAKE2b of the token under its own context
 * ("duet:session-id", "duet:session-kek", "duet:csrf"), so knowing one tells
 * nothing about the others or the token.
 *
 * The functions other than token_new and token_valid expect a token that
 * token_valid() accepted.
 */
#ifndef DUET_TOKEN_H
#define DUET_TOKEN_H

#include "crypto.h"

#define TOKEN_B64_LEN 43 /* 32 bytes, base64url without padding */
#define TOKEN_ID_HEX_LEN 64

/* Writes a new random token and its NUL into out. */
void token_new(char out[TOKEN_B64_LEN + 1]);

/* 0 when token is exactly TOKEN_B64_LEN base64url characters (canonical, as
 * token_new writes them) followed by its NUL; -1 otherwise (NULL included). */
int token_valid(const char *token) WARN_UNUSED_RESULT;

/* The token's id as stored in the database: lowercase hex of a 32-byte hash; 64
 * characters and a NUL. */
void token_id(const char *token, char out_hex[TOKEN_ID_HEX_LEN + 1]);

/* The key that wraps the data key for this session. The caller wipes it. */
void token_kek(const char *token, unsigned char kek[KEY_BYTES]);

/* The CSRF token for the session's forms: 43 base64url characters and a NUL. */
void token_csrf(const char *token, char out[TOKEN_B64_LEN + 1]);

/* Compares two strings in time that depends only on their lengths: 1 when equal,
 * 0 when not (strings of different lengths are unequal; NULL equals nothing). */
int token_equal(const char *a, const char *b);

#endif
