/* webpush.h: the cryptography of Web Push, with OpenSSL's libcrypto (libsodium
 * has no P-256):
 *   - message encryption, RFC 8291 over the aes128gcm content coding of
 *     RFC 8188: one record (the message fits in 4096 bytes), ECDH on P-256
 *     between a fresh sender key and the browser's key, HKDF-SHA-256 with the
 *     browser's auth secret, AES-128-GCM;
 *   - VAPID, RFC 8292: a JWT signed with ES256 under the server's P-256 key,
 *     sent as "Authorization: vapid t=<jwt>, k=<public key>".
 *
 * Keys are raw bytes: a private key is the 32-byte scalar, a public key the
 * 65-byte uncompressed point (0x04 || x || y). As text they are base64url
 * without padding, as browsers give and take them. webpush_encrypt and
 * webpush_vapid are pure given their inputs (the unit test checks the worked
 * example of RFC 8291 section 5 byte for byte); the *_new functions add
 * randomness. All are safe to call from any thread. Nothing here does I/O.
 */
#ifndef DUET_WEBPUSH_H
#define DUET_WEBPUSH_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/common.h"

#define WEBPUSH_PRIV_BYTES 32
#define WEBPUSH_PUB_BYTES 65
#define WEBPUSH_AUTH_BYTES 16
#define WEBPUSH_SALT_BYTES 16
/* salt, record size, key id length, key id */
#define WEBPUSH_HEADER_BYTES (WEBPUSH_SALT_BYTES + 4 + 1 + WEBPUSH_PUB_BYTES)
#define WEBPUSH_RECORD_SIZE 4096
/* The longest message one record holds: the record less its tag and padding
 * delimiter, less the header push services count against 4096 bytes. */
#define WEBPUSH_PLAIN_MAX (WEBPUSH_RECORD_SIZE - WEBPUSH_HEADER_BYTES - 16 - 1)

/* The browser's side of a subscription (its "p256dh" and "auth" keys). */
struct webpush_ua {
	unsigned char pub[WEBPUSH_PUB_BYTES];
	unsigned char auth[WEBPUSH_AUTH_BYTES];
};

/* Makes a new P-256 key pair. 0, or -1 when libcrypto fails. */
int webpush_keypair(unsigned char priv[WEBPUSH_PRIV_BYTES],
                    unsigned char pub[WEBPUSH_PUB_BYTES]) WARN_UNUSED_RESULT;

/* 0 when pub is an uncompressed point on P-256, -1 otherwise. */
int webpush_pub_ok(const unsigned char pub[WEBPUSH_PUB_BYTES]) WARN_UNUSED_RESULT;

/* Encrypts plain[0..len) for the browser ua as one aes128gcm record, under the
 * sender key pair (as_priv, as_pub) and salt, and appends the whole body
 * (header, ciphertext, tag) to out. 0, or -1 when len passes
 * WEBPUSH_PLAIN_MAX, a key is not on the curve, libcrypto fails or out's cap
 * is passed (out then released, as buf does). */
int webpush_encrypt(const struct webpush_ua *ua, const unsigned char as_priv[WEBPUSH_PRIV_BYTES],
                    const unsigned char as_pub[WEBPUSH_PUB_BYTES],
                    const unsigned char salt[WEBPUSH_SALT_BYTES], const void *plain, size_t len,
                    struct buf *out) WARN_UNUSED_RESULT;

/* webpush_encrypt with a fresh sender key pair and salt, as every message
 * must have. Same returns. */
int webpush_encrypt_new(const struct webpush_ua *ua, const void *plain, size_t len,
                        struct buf *out) WARN_UNUSED_RESULT;

/* Appends the value of the Authorization header for a push request to out:
 * "vapid t=<JWT>, k=<pub>", the JWT's claims {"aud": aud, "exp": exp, "sub":
 * sub} signed with ES256 under (priv, pub). aud is the push endpoint's origin
 * ("https://push.example.net"), sub a "mailto:" or "https:" contact; both are
 * written with the JSON library. 0, or -1 on failure (as above). */
int webpush_vapid(const unsigned char priv[WEBPUSH_PRIV_BYTES],
                  const unsigned char pub[WEBPUSH_PUB_BYTES], const char *aud, const char *sub,
                  int64_t exp, struct buf *out) WARN_UNUSED_RESULT;

/* Base64url without padding, as browsers write keys: appends the text of
 * bin[0..len) to out. 0, or -1 (out released). */
int webpush_b64_put(struct buf *out, const unsigned char *bin, size_t len) WARN_UNUSED_RESULT;

/* Decodes base64url text s (padding "=" allowed) into exactly want bytes.
 * 0, or -1 when s is not base64url or not of that length. */
int webpush_b64_get(const char *s, unsigned char *out, size_t want) WARN_UNUSED_RESULT;

#endif
