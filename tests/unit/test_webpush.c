/* Unit tests for src/crypto/webpush.c: the worked example of RFC 8291
 * section 5 byte for byte, fresh keys and salts per message, and a VAPID JWT
 * whose ES256 signature the public key verifies. */
#include "unit.h"

#include <jansson.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <sodium.h>
#include <string.h>

#include "crypto/webpush.h"

/* RFC 8291 section 5 */
static const char plain[] = "When I grow up, I want to be a watermelon";
static const char as_priv_b64[] = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
static const char as_pub_b64[] =
    "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
static const char ua_pub_b64[] =
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
static const char salt_b64[] = "DGv6ra1nlYgDCS1FRnbzlw";
static const char auth_b64[] = "BTBZMqHH6r4Tts7J_aSIgg";
static const char body_b64[] =
    "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYW"
    "AmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgS"
    "xsj_Qulcy4a-fN";

static void rfc_ua(struct webpush_ua *ua)
{
	assert_int_equal(webpush_b64_get(ua_pub_b64, ua->pub, WEBPUSH_PUB_BYTES), 0);
	assert_int_equal(webpush_b64_get(auth_b64, ua->auth, WEBPUSH_AUTH_BYTES), 0);
}

static void rfc8291_example(void **state)
{
	(void)state;
	struct webpush_ua ua;
	unsigned char as_priv[WEBPUSH_PRIV_BYTES], as_pub[WEBPUSH_PUB_BYTES], salt[16];
	rfc_ua(&ua);
	assert_int_equal(webpush_b64_get(as_priv_b64, as_priv, sizeof as_priv), 0);
	assert_int_equal(webpush_b64_get(as_pub_b64, as_pub, sizeof as_pub), 0);
	assert_int_equal(webpush_b64_get(salt_b64, salt, sizeof salt), 0);
	struct buf body = BUF_INIT(8192), text = BUF_INIT(16384);
	assert_int_equal(webpush_encrypt(&ua, as_priv, as_pub, salt, plain, strlen(plain), &body), 0);
	assert_int_equal(body.len, WEBPUSH_HEADER_BYTES + strlen(plain) + 1 + 16);
	assert_int_equal(webpush_b64_put(&text, (unsigned char *)body.data, body.len), 0);
	assert_string_equal(text.data, body_b64);
	buf_release(&body);
	buf_release(&text);
}

static void b64_rejects(void **state)
{
	(void)state;
	unsigned char k[WEBPUSH_AUTH_BYTES];
	assert_int_equal(webpush_b64_get("BTBZMqHH6r4Tts7J_aSIgg==", k, sizeof k), 0);
	assert_int_equal(webpush_b64_get("BTBZMqHH6r4Tts7J_aSI", k, sizeof k), -1);    /* short */
	assert_int_equal(webpush_b64_get("BTBZMqHH6r4Tts7J_aSIggAA", k, sizeof k), -1); /* long */
	assert_int_equal(webpush_b64_get("BTBZMqHH6r4Tts7J+aSIgg", k, sizeof k), -1);   /* not url */
	assert_int_equal(webpush_b64_get(NULL, k, sizeof k), -1);
	unsigned char pub[WEBPUSH_PUB_BYTES];
	assert_int_equal(webpush_b64_get(ua_pub_b64, pub, sizeof pub), 0);
	assert_int_equal(webpush_pub_ok(pub), 0);
	pub[40] ^= 1; /* off the curve */
	assert_int_equal(webpush_pub_ok(pub), -1);
	pub[40] ^= 1;
	pub[0] = 0x02;
	assert_int_equal(webpush_pub_ok(pub), -1);
}

static void fresh_every_time(void **state)
{
	(void)state;
	struct webpush_ua ua;
	rfc_ua(&ua);
	struct buf a = BUF_INIT(8192), b = BUF_INIT(8192);
	assert_int_equal(webpush_encrypt_new(&ua, plain, strlen(plain), &a), 0);
	assert_int_equal(webpush_encrypt_new(&ua, plain, strlen(plain), &b), 0);
	assert_int_equal(a.len, b.len);
	assert_memory_not_equal(a.data, b.data, 16);                        /* salt */
	assert_memory_not_equal(a.data + 21, b.data + 21, WEBPUSH_PUB_BYTES); /* sender key */
	assert_int_equal(memmem(a.data, a.len, "watermelon", 10) == NULL, 1);
	buf_release(&a);
	buf_release(&b);
	char big[WEBPUSH_PLAIN_MAX + 1];
	memset(big, 'x', sizeof big);
	assert_int_equal(webpush_encrypt_new(&ua, big, sizeof big, &a), -1);
	assert_int_equal(webpush_encrypt_new(&ua, big, sizeof big - 1, &a), 0);
	assert_int_equal(a.len, WEBPUSH_RECORD_SIZE); /* what push services take at most */
	buf_release(&a);
}

static json_t *b64_json_part(const char *s, size_t len)
{
	unsigned char raw[512];
	size_t n = 0;
	assert_int_equal(sodium_base642bin(raw, sizeof raw, s, len, NULL, &n, NULL,
	                                   sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	                 0);
	json_t *j = json_loadb((const char *)raw, n, 0, NULL);
	assert_non_null(j);
	return j;
}

static void vapid_jwt_verifies(void **state)
{
	(void)state;
	unsigned char priv[WEBPUSH_PRIV_BYTES], pub[WEBPUSH_PUB_BYTES];
	assert_int_equal(webpush_keypair(priv, pub), 0);
	assert_int_equal(pub[0], 0x04);
	assert_int_equal(webpush_pub_ok(pub), 0);
	struct buf h = BUF_INIT(4096);
	assert_int_equal(webpush_vapid(priv, pub, "https://push.example.net", "mailto:ops@example.org",
	                               1700000000, &h),
	                 0);
	assert_int_equal(strncmp(h.data, "vapid t=", 8), 0);
	const char *jwt = h.data + 8, *k = strstr(h.data, ", k=");
	assert_non_null(k);
	unsigned char kpub[WEBPUSH_PUB_BYTES];
	assert_int_equal(webpush_b64_get(k + 4, kpub, sizeof kpub), 0);
	assert_memory_equal(kpub, pub, sizeof pub);
	const char *d1 = strchr(jwt, '.'), *d2 = strchr(d1 + 1, '.');
	json_t *head = b64_json_part(jwt, (size_t)(d1 - jwt));
	json_t *claims = b64_json_part(d1 + 1, (size_t)(d2 - d1 - 1));
	assert_string_equal(json_string_value(json_object_get(head, "alg")), "ES256");
	assert_string_equal(json_string_value(json_object_get(claims, "aud")),
	                    "https://push.example.net");
	assert_string_equal(json_string_value(json_object_get(claims, "sub")), "mailto:ops@example.org");
	assert_int_equal(json_integer_value(json_object_get(claims, "exp")), 1700000000);
	json_decref(head);
	json_decref(claims);
	/* The signature, raw r || s, verifies under the public key. */
	unsigned char sig[64];
	size_t n = 0;
	assert_int_equal(sodium_base642bin(sig, sizeof sig, d2 + 1, (size_t)(k - d2 - 1), NULL, &n,
	                                   NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	                 0);
	assert_int_equal(n, 64);
	ECDSA_SIG *s = ECDSA_SIG_new();
	ECDSA_SIG_set0(s, BN_bin2bn(sig, 32, NULL), BN_bin2bn(sig + 32, 32, NULL));
	unsigned char *der = NULL;
	int der_len = i2d_ECDSA_SIG(s, &der);
	ECDSA_SIG_free(s);
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
	OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY, pub, sizeof pub);
	OSSL_PARAM *params = OSSL_PARAM_BLD_to_param(bld);
	EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	EVP_PKEY *key = NULL;
	assert_true(EVP_PKEY_fromdata_init(pctx) > 0);
	assert_true(EVP_PKEY_fromdata(pctx, &key, EVP_PKEY_PUBLIC_KEY, params) > 0);
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	assert_true(EVP_DigestVerifyInit_ex(md, NULL, "SHA256", NULL, NULL, key, NULL) > 0);
	assert_int_equal(EVP_DigestVerify(md, der, (size_t)der_len, (const unsigned char *)jwt,
	                                  (size_t)(d2 - jwt)),
	                 1);
	EVP_MD_CTX_free(md);
	EVP_PKEY_free(key);
	EVP_PKEY_CTX_free(pctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	OPENSSL_free(der);
	buf_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rfc8291_example),
		cmocka_unit_test(b64_rejects),
		cmocka_unit_test(fresh_every_time),
		cmocka_unit_test(vapid_jwt_verifies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
