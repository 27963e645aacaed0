/* webpush.c: Web Push message encryption and VAPID with libcrypto (see
 * webpush.h). Every OpenSSL object is freed on every path; intermediate
 * secrets are wiped with OPENSSL_cleanse. */
#include "webpush.h"

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/param_build.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static const char curve[] = "prime256v1";

/* An EVP_PKEY for P-256 from a public point and, when priv is not NULL, the
 * private scalar. NULL when the point is not on the curve or on failure. */
static EVP_PKEY *key_from(const unsigned char *priv, const unsigned char pub[WEBPUSH_PUB_BYTES])
{
	EVP_PKEY *pkey = NULL;
	BIGNUM *d = NULL;
	OSSL_PARAM *params = NULL;
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!bld || !ctx ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, curve, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, WEBPUSH_PUB_BYTES))
		goto out;
	if (priv && (!(d = BN_secure_new()) || !BN_bin2bn(priv, WEBPUSH_PRIV_BYTES, d) ||
	             !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, d)))
		goto out;
	if (!(params = OSSL_PARAM_BLD_to_param(bld)) || EVP_PKEY_fromdata_init(ctx) <= 0 ||
	    EVP_PKEY_fromdata(ctx, &pkey, priv ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params) <= 0)
		pkey = NULL;
out:
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(d);
	EVP_PKEY_CTX_free(ctx);
	return pkey;
}

int webpush_pub_ok(const unsigned char pub[WEBPUSH_PUB_BYTES])
{
	if (pub[0] != 0x04)
		return -1;
	EVP_PKEY *k = key_from(NULL, pub);
	EVP_PKEY_free(k);
	return k ? 0 : -1;
}

int webpush_keypair(unsigned char priv[WEBPUSH_PRIV_BYTES], unsigned char pub[WEBPUSH_PUB_BYTES])
{
	int rc = -1;
	BIGNUM *d = NULL;
	size_t n = 0;
	EVP_PKEY *k = EVP_PKEY_Q_keygen(NULL, NULL, "EC", curve);
	if (k && EVP_PKEY_get_bn_param(k, OSSL_PKEY_PARAM_PRIV_KEY, &d) &&
	    BN_bn2binpad(d, priv, WEBPUSH_PRIV_BYTES) == WEBPUSH_PRIV_BYTES &&
	    EVP_PKEY_set_utf8_string_param(k, OSSL_PKEY_PARAM_EC_POINT_CONVERSION_FORMAT,
	                                   "uncompressed") &&
	    EVP_PKEY_get_octet_string_param(k, OSSL_PKEY_PARAM_PUB_KEY, pub, WEBPUSH_PUB_BYTES,
	                                    &n) &&
	    n == WEBPUSH_PUB_BYTES)
		rc = 0;
	BN_clear_free(d);
	EVP_PKEY_free(k);
	return rc;
}

/* ECDH: the 32-byte shared x coordinate of mine and peer. */
static int ecdh(EVP_PKEY *mine, EVP_PKEY *peer, unsigned char out[32])
{
	size_t n = 32;
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, mine, NULL);
	int ok = ctx && EVP_PKEY_derive_init(ctx) > 0 && EVP_PKEY_derive_set_peer(ctx, peer) > 0 &&
	         EVP_PKEY_derive(ctx, out, &n) > 0 && n == 32;
	EVP_PKEY_CTX_free(ctx);
	return ok ? 0 : -1;
}

/* HKDF-SHA-256 (extract and expand) of ikm under salt and info, out_len bytes. */
static int hkdf(const unsigned char *salt, size_t salt_len, const unsigned char *ikm,
                size_t ikm_len, const void *info, size_t info_len, unsigned char *out,
                size_t out_len)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM p[] = {
		OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, (char *)"SHA256", 0),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, (void *)salt, salt_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, (void *)ikm, ikm_len),
		OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, (void *)info, info_len),
		OSSL_PARAM_construct_end(),
	};
	int ok = ctx && EVP_KDF_derive(ctx, out, out_len, p) > 0;
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return ok ? 0 : -1;
}

/* AES-128-GCM of plain || 0x02 (the last record's padding delimiter) into
 * ct (len + 1 bytes) and tag. */
static int seal_record(const unsigned char cek[16], const unsigned char nonce[12],
                       const unsigned char *plain, size_t len, unsigned char *ct,
                       unsigned char tag[16])
{
	static const unsigned char delim = 0x02;
	int n1 = 0, n2 = 0, n3 = 0;
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	int ok = c && EVP_EncryptInit_ex(c, EVP_aes_128_gcm(), NULL, cek, nonce) &&
	         EVP_EncryptUpdate(c, ct, &n1, plain, (int)len) &&
	         EVP_EncryptUpdate(c, ct + n1, &n2, &delim, 1) &&
	         EVP_EncryptFinal_ex(c, ct + n1 + n2, &n3) &&
	         (size_t)(n1 + n2 + n3) == len + 1 &&
	         EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -1;
}

int webpush_encrypt(const struct webpush_ua *ua, const unsigned char as_priv[WEBPUSH_PRIV_BYTES],
                    const unsigned char as_pub[WEBPUSH_PUB_BYTES],
                    const unsigned char salt[WEBPUSH_SALT_BYTES], const void *plain, size_t len,
                    struct buf *out)
{
	static const char cek_info[] = "Content-Encoding: aes128gcm"; /* with its NUL */
	static const char nonce_info[] = "Content-Encoding: nonce";
	static const char key_info[] = "WebPush: info";
	if (len > WEBPUSH_PLAIN_MAX)
		return -1;
	unsigned char shared[32], ikm[32], cek[16], nonce[12], tag[16];
	unsigned char info[sizeof key_info + 2 * WEBPUSH_PUB_BYTES];
	unsigned char ct[WEBPUSH_PLAIN_MAX + 1];
	memcpy(info, key_info, sizeof key_info);
	memcpy(info + sizeof key_info, ua->pub, WEBPUSH_PUB_BYTES);
	memcpy(info + sizeof key_info + WEBPUSH_PUB_BYTES, as_pub, WEBPUSH_PUB_BYTES);
	EVP_PKEY *mine = key_from(as_priv, as_pub);
	EVP_PKEY *peer = key_from(NULL, ua->pub);
	int rc = -1;
	if (mine && peer && ecdh(mine, peer, shared) == 0 &&
	    hkdf(ua->auth, WEBPUSH_AUTH_BYTES, shared, 32, info, sizeof info, ikm, 32) == 0 &&
	    hkdf(salt, WEBPUSH_SALT_BYTES, ikm, 32, cek_info, sizeof cek_info, cek, 16) == 0 &&
	    hkdf(salt, WEBPUSH_SALT_BYTES, ikm, 32, nonce_info, sizeof nonce_info, nonce, 12) ==
	        0 &&
	    seal_record(cek, nonce, plain, len, ct, tag) == 0) {
		unsigned char head[WEBPUSH_HEADER_BYTES];
		memcpy(head, salt, WEBPUSH_SALT_BYTES);
		head[16] = 0, head[17] = 0, head[18] = WEBPUSH_RECORD_SIZE >> 8, head[19] = 0;
		head[20] = WEBPUSH_PUB_BYTES;
		memcpy(head + 21, as_pub, WEBPUSH_PUB_BYTES);
		rc = buf_append(out, head, sizeof head) < 0 || buf_append(out, ct, len + 1) < 0 ||
		             buf_append(out, tag, sizeof tag) < 0
		         ? -1
		         : 0;
	}
	OPENSSL_cleanse(shared, sizeof shared);
	OPENSSL_cleanse(ikm, sizeof ikm);
	OPENSSL_cleanse(cek, sizeof cek);
	OPENSSL_cleanse(ct, sizeof ct);
	EVP_PKEY_free(mine);
	EVP_PKEY_free(peer);
	return rc;
}

int webpush_encrypt_new(const struct webpush_ua *ua, const void *plain, size_t len,
                        struct buf *out)
{
	unsigned char priv[WEBPUSH_PRIV_BYTES], pub[WEBPUSH_PUB_BYTES], salt[WEBPUSH_SALT_BYTES];
	randombytes_buf(salt, sizeof salt);
	int rc = webpush_keypair(priv, pub) < 0 ? -1
	                                         : webpush_encrypt(ua, priv, pub, salt, plain, len, out);
	OPENSSL_cleanse(priv, sizeof priv);
	return rc;
}

int webpush_b64_put(struct buf *out, const unsigned char *bin, size_t len)
{
	char text[4 * 1024 / 3 + 4];
	if (len > 1024) {
		buf_release(out);
		return -1;
	}
	sodium_bin2base64(text, sizeof text, bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return buf_puts(out, text);
}

int webpush_b64_get(const char *s, unsigned char *out, size_t want)
{
	size_t n = 0;
	const char *end = NULL;
	if (!s || sodium_base642bin(out, want, s, strlen(s), "=", &n, &end,
	                            sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return -1;
	return n == want && *end == '\0' ? 0 : -1;
}

/* base64url of a JSON object's compact text. */
static int b64_json(struct buf *out, json_t *j)
{
	char *text = j ? json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(j);
	if (!text) {
		buf_release(out);
		return -1;
	}
	int rc = webpush_b64_put(out, (const unsigned char *)text, strlen(text));
	free(text);
	return rc;
}

/* ES256 over msg: the raw 64-byte r || s that JWS wants (not DER). */
static int es256(EVP_PKEY *key, const char *msg, size_t len, unsigned char sig[64])
{
	unsigned char der[80];
	size_t der_len = sizeof der;
	int ok = 0;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	if (md && EVP_DigestSignInit_ex(md, NULL, "SHA256", NULL, NULL, key, NULL) > 0 &&
	    EVP_DigestSign(md, der, &der_len, (const unsigned char *)msg, len) > 0) {
		const unsigned char *p = der;
		ECDSA_SIG *s = d2i_ECDSA_SIG(NULL, &p, (long)der_len);
		ok = s && BN_bn2binpad(ECDSA_SIG_get0_r(s), sig, 32) == 32 &&
		     BN_bn2binpad(ECDSA_SIG_get0_s(s), sig + 32, 32) == 32;
		ECDSA_SIG_free(s);
	}
	EVP_MD_CTX_free(md);
	return ok ? 0 : -1;
}

int webpush_vapid(const unsigned char priv[WEBPUSH_PRIV_BYTES],
                  const unsigned char pub[WEBPUSH_PUB_BYTES], const char *aud, const char *sub,
                  int64_t exp, struct buf *out)
{
	struct buf jwt = BUF_INIT(4096);
	unsigned char sig[64];
	if (b64_json(&jwt, json_pack("{s:s,s:s}", "typ", "JWT", "alg", "ES256")) < 0 ||
	    buf_putc(&jwt, '.') < 0 ||
	    b64_json(&jwt, json_pack("{s:s,s:I,s:s}", "aud", aud, "exp", (json_int_t)exp, "sub",
	                             sub)) < 0) {
		buf_release(&jwt);
		buf_release(out);
		return -1;
	}
	EVP_PKEY *key = key_from(priv, pub);
	int rc = key && es256(key, jwt.data, jwt.len, sig) == 0 && buf_putc(&jwt, '.') == 0 &&
	                 webpush_b64_put(&jwt, sig, sizeof sig) == 0 && buf_ok(&jwt) &&
	                 buf_puts(out, "vapid t=") == 0 && buf_append(out, jwt.data, jwt.len) == 0 &&
	                 buf_puts(out, ", k=") == 0 && webpush_b64_put(out, pub, WEBPUSH_PUB_BYTES) == 0
	             ? 0
	             : -1;
	EVP_PKEY_free(key);
	buf_release(&jwt);
	return rc;
}
