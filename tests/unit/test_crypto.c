/* Unit tests for src/crypto: passphrase records, key wrapping, recovery codes,
 * session tokens, sealed text and the bound on concurrent passphrase hashes.
 * Known-answer vectors pin every derivation, so a change that would lock people
 * out of their data fails here first (token and recovery vectors were checked
 * against Python's hashlib.blake2b). */
#include "unit.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crypto/crypto.h"
#include "crypto/gate.h"
#include "crypto/keys.h"
#include "crypto/pw.h"
#include "crypto/recovery.h"
#include "crypto/seal.h"
#include "crypto/token.h"

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

static void fast_limits(void)
{
	pw_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN);
}

static void assert_hex(const unsigned char key[KEY_BYTES], const char *hex)
{
	char h[2 * KEY_BYTES + 1];
	sodium_bin2hex(h, sizeof h, key, KEY_BYTES);
	assert_string_equal(h, hex);
}

static int all_zero(const unsigned char *p, size_t n)
{
	return sodium_is_zero(p, n);
}

/* A character of the base64url alphabet other than c. */
static char other_b64(char c)
{
	return c == 'A' ? 'B' : 'A';
}

static void fixed_key(unsigned char key[KEY_BYTES], unsigned char kek[KEY_BYTES])
{
	for (int i = 0; i < KEY_BYTES; i++) {
		key[i] = (unsigned char)i;
		kek[i] = (unsigned char)(0xa0 + i);
	}
}

/* ---- key wrapping ---- */

static void wrap_roundtrip(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES], back[KEY_BYTES];
	char w1[WRAP_B64_MAX], w2[WRAP_B64_MAX];
	key_random(key);
	key_random(kek);
	assert_false(all_zero(key, KEY_BYTES));
	assert_int_equal(key_wrap(key, kek, "user:42:pass", w1), 0);
	assert_int_equal(strlen(w1), KEY_WRAP_LEN);
	assert_int_equal(strspn(w1, b64chars), KEY_WRAP_LEN);
	assert_int_equal(key_unwrap(w1, kek, "user:42:pass", back), 0);
	assert_memory_equal(key, back, KEY_BYTES);
	/* A fresh nonce each time. */
	assert_int_equal(key_wrap(key, kek, "user:42:pass", w2), 0);
	assert_string_not_equal(w1, w2);
	/* NULL ad is the empty ad. */
	assert_int_equal(key_wrap(key, kek, NULL, w1), 0);
	assert_int_equal(key_unwrap(w1, kek, "", back), 0);
	assert_memory_equal(key, back, KEY_BYTES);
}

static void wrap_known_answer(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES], back[KEY_BYTES];
	fixed_key(key, kek);
	assert_int_equal(key_unwrap("E5GYhIR3vxZ7OMdAjzZcPfD24kr7GNmXiCFXjJfo-2qxsRpOZI_Pl-X_gCMp"
	                            "YEEvknvdHUL8NV3iTV8acUZH3n3iA0Qbirr4",
	                            kek, "user:42:pass", back),
	                 0);
	assert_memory_equal(key, back, KEY_BYTES);
}

static void wrap_wrong_kek_or_ad_fails(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES], other[KEY_BYTES], back[KEY_BYTES];
	char w[WRAP_B64_MAX];
	key_random(key);
	key_random(kek);
	memcpy(other, kek, KEY_BYTES);
	other[31] ^= 1;
	assert_int_equal(key_wrap(key, kek, "user:42:pass", w), 0);
	assert_int_equal(key_unwrap(w, other, "user:42:pass", back), -1);
	assert_true(all_zero(back, KEY_BYTES));
	assert_int_equal(key_unwrap(w, kek, "user:43:pass", back), -1);
	assert_int_equal(key_unwrap(w, kek, "user:42:recovery", back), -1);
	assert_int_equal(key_unwrap(w, kek, "", back), -1);
	assert_int_equal(key_unwrap(w, kek, NULL, back), -1);
	assert_true(all_zero(back, KEY_BYTES));
}

static void wrap_tampered_fails(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES], back[KEY_BYTES];
	unsigned char raw[KEY_WRAP_LEN];
	char w[WRAP_B64_MAX], t[WRAP_B64_MAX];
	size_t rawlen;
	key_random(key);
	key_random(kek);
	assert_int_equal(key_wrap(key, kek, "user:1:pass", w), 0);

	/* Every character of the text replaced by another base64url character. */
	for (size_t i = 0; i < KEY_WRAP_LEN; i++) {
		strcpy(t, w);
		t[i] = other_b64(t[i]);
		assert_int_equal(key_unwrap(t, kek, "user:1:pass", back), -1);
	}
	/* Every byte of nonce || ciphertext || tag flipped, in every bit. */
	assert_int_equal(sodium_base642bin(raw, sizeof raw, w, strlen(w), NULL, &rawlen, NULL,
	                                   sodium_base64_VARIANT_URLSAFE_NO_PADDING),
	                 0);
	for (size_t i = 0; i < rawlen; i++) {
		for (int bit = 0; bit < 8; bit++) {
			raw[i] ^= (unsigned char)(1u << bit);
			sodium_bin2base64(t, sizeof t, raw, rawlen,
			                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
			assert_int_equal(key_unwrap(t, kek, "user:1:pass", back), -1);
			raw[i] ^= (unsigned char)(1u << bit);
		}
	}
	/* Characters outside the alphabet, padding, whitespace. */
	const char *bad[] = {"+", "/", "=", " ", "\n", "."};
	for (size_t k = 0; k < ARRAY_LEN(bad); k++) {
		strcpy(t, w);
		t[10] = bad[k][0];
		assert_int_equal(key_unwrap(t, kek, "user:1:pass", back), -1);
	}
	assert_int_equal(key_unwrap(w, kek, "user:1:pass", back), 0);
	assert_memory_equal(key, back, KEY_BYTES);
}

static void wrap_truncated_or_extended_fails(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES], back[KEY_BYTES];
	char w[WRAP_B64_MAX], t[WRAP_B64_MAX + 8];
	key_random(key);
	key_random(kek);
	assert_int_equal(key_wrap(key, kek, "a", w), 0);
	for (size_t n = 0; n < KEY_WRAP_LEN; n++) {
		memcpy(t, w, n);
		t[n] = '\0';
		assert_int_equal(key_unwrap(t, kek, "a", back), -1);
	}
	snprintf(t, sizeof t, "%sA", w);
	assert_int_equal(key_unwrap(t, kek, "a", back), -1);
	snprintf(t, sizeof t, "%sAAAA", w);
	assert_int_equal(key_unwrap(t, kek, "a", back), -1);
	assert_int_equal(key_unwrap(NULL, kek, "a", back), -1);
	/* Longer than any wrapped text, without a NUL nearby: refused, not overread. */
	char long_text[300];
	memset(long_text, 'A', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	assert_int_equal(key_unwrap(long_text, kek, "a", back), -1);
}

/* ---- passphrases ---- */

static void pw_right_and_wrong(void **state)
{
	(void)state;
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES], kek2[KEY_BYTES];
	const char *pass = "a long walk by the river";
	fast_limits();
	assert_int_equal(pw_new(pass, strlen(pass), rec, kek), 0);
	assert_false(all_zero(kek, KEY_BYTES));
	assert_int_equal(pw_check(pass, strlen(pass), rec, kek2), 0);
	assert_memory_equal(kek, kek2, KEY_BYTES);
	assert_int_equal(pw_check("a long walk by the rivet", strlen(pass), rec, kek2), 1);
	assert_true(all_zero(kek2, KEY_BYTES));
	assert_int_equal(pw_check(pass, strlen(pass) - 1, rec, kek2), 1);
	assert_int_equal(pw_check("", 0, rec, kek2), 1);
	/* The same passphrase again: a fresh salt, so another record and another kek. */
	char rec2[PW_REC_MAX];
	assert_int_equal(pw_new(pass, strlen(pass), rec2, kek2), 0);
	assert_string_not_equal(rec, rec2);
	assert_memory_not_equal(kek, kek2, KEY_BYTES);
}

static void pw_known_answer(void **state)
{
	(void)state;
	unsigned char kek[KEY_BYTES];
	const char *rec = "argon2id$1$ops=1$mem=8192$ujsLh6ELoGzzzZKjjsdjAA$"
	                  "K2SqG8bJyhYFhPgR4qIKP3KW7FQFNTIF7VsHot5Dkpc";
	assert_int_equal(pw_check("correct horse battery", 21, rec, kek), 0);
	assert_hex(kek, "a25bac8c2cab71c3786116069b99eec86137c96e100fc4ab693ebae71bb56e03");
}

static void pw_record_carries_params(void **state)
{
	(void)state;
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES], kek2[KEY_BYTES];
	pw_set_limits(1, 16384);
	assert_int_equal(pw_new("passphrase!", 11, rec, kek), 0);
	assert_int_equal(strncmp(rec, "argon2id$1$ops=1$mem=16384$", 27), 0);
	assert_int_equal(strlen(rec), 27 + 22 + 1 + 43);
	/* Other limits now: the record's own parameters are still used. */
	pw_set_limits(2, 8192);
	assert_int_equal(pw_check("passphrase!", 11, rec, kek2), 0);
	assert_memory_equal(kek, kek2, KEY_BYTES);
	/* Limits below libsodium's minimum are raised to it. */
	pw_set_limits(0, 0);
	assert_int_equal(pw_new("passphrase!", 11, rec, kek), 0);
	assert_int_equal(strncmp(rec, "argon2id$1$ops=1$mem=8192$", 26), 0);
}

static void pw_default_limits(void **state)
{
	(void)state;
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES], kek2[KEY_BYTES];
	struct timespec t0, t1;
	pw_set_limits(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(pw_new("our shared passphrase", 21, rec, kek), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("report: crypto: one passphrase hash at the default limits took %.0f ms\n",
	       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	assert_int_equal(strncmp(rec, "argon2id$1$ops=2$mem=67108864$", 30), 0);
	assert_int_equal(pw_needs_rehash(rec), 0);
	assert_int_equal(pw_check("our shared passphrase", 21, rec, kek2), 0);
	assert_memory_equal(kek, kek2, KEY_BYTES);
}

static void pw_rehash(void **state)
{
	(void)state;
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES];
	fast_limits();
	assert_int_equal(pw_new("passphrase!", 11, rec, kek), 0);
	assert_int_equal(pw_needs_rehash(rec), 0);
	pw_set_limits(crypto_pwhash_OPSLIMIT_MIN + 1, crypto_pwhash_MEMLIMIT_MIN);
	assert_int_equal(pw_needs_rehash(rec), 1);
	pw_set_limits(crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN * 2);
	assert_int_equal(pw_needs_rehash(rec), 1);
	pw_set_limits(crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE);
	assert_int_equal(pw_needs_rehash(rec), 1);
	assert_int_equal(pw_needs_rehash("argon2id$1$ops=9$mem=1073741824$ujsLh6ELoGzzzZKjjsdjAA$"
	                                 "K2SqG8bJyhYFhPgR4qIKP3KW7FQFNTIF7VsHot5Dkpc"),
	                 0);
	assert_int_equal(pw_needs_rehash("nonsense"), -1);
	assert_int_equal(pw_needs_rehash(NULL), -1);
}

static void pw_malformed_records(void **state)
{
	(void)state;
	unsigned char kek[KEY_BYTES];
	char rec[PW_REC_MAX], t[PW_REC_MAX + 64];
	const char *salt = "ujsLh6ELoGzzzZKjjsdjAA",
	           *ver = "K2SqG8bJyhYFhPgR4qIKP3KW7FQFNTIF7VsHot5Dkpc";
	const char *bad[] = {
	    "",
	    "argon2id",
	    "argon2id$1$",
	    "argon2i$1$ops=1$mem=8192$%s$%s",
	    "argon2id$2$ops=1$mem=8192$%s$%s",
	    "argon2id$1$ops=0$mem=8192$%s$%s",
	    "argon2id$1$ops=01$mem=8192$%s$%s",
	    "argon2id$1$ops=-1$mem=8192$%s$%s",
	    "argon2id$1$ops=+1$mem=8192$%s$%s",
	    "argon2id$1$ops= 1$mem=8192$%s$%s",
	    "argon2id$1$ops=65$mem=8192$%s$%s",
	    "argon2id$1$ops=18446744073709551617$mem=8192$%s$%s",
	    "argon2id$1$ops=1$mem=8191$%s$%s",
	    "argon2id$1$ops=1$mem=4294967297$%s$%s",
	    "argon2id$1$ops=1$mem=99999999999999999999999999$%s$%s",
	    "argon2id$1$mem=8192$ops=1$%s$%s",
	    "argon2id$1$ops=1$mem=8192$%s%s",
	    "argon2id$1$ops=1$mem=8192$%s$%s$",
	    "argon2id$1$ops=1$mem=8192$%s$%s=",
	    "argon2id$1$ops=1$mem=8192$%s$%sA",
	    "argon2id$1$ops=1$mem=8192$%s==$%s",
	    "argon2id$1$ops=1$mem=8192$$%s%s",
	    "ARGON2ID$1$ops=1$mem=8192$%s$%s",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		snprintf(t, sizeof t, bad[i], salt, ver);
		assert_int_equal(pw_check("passphrase!", 11, t, kek), -1);
		assert_int_equal(pw_needs_rehash(t), -1);
	}
	assert_int_equal(pw_check("passphrase!", 11, NULL, kek), -1);

	/* Every prefix of a good record, and every character replaced. */
	fast_limits();
	assert_int_equal(pw_new("passphrase!", 11, rec, kek), 0);
	size_t n = strlen(rec);
	for (size_t k = 0; k < n; k++) {
		memcpy(t, rec, k);
		t[k] = '\0';
		assert_int_equal(pw_needs_rehash(t), -1);
		if (rec[k] == '$')
			continue;
		strcpy(t, rec);
		t[k] = '$';
		assert_int_equal(pw_check("passphrase!", 11, t, kek), -1);
	}
	/* Not NUL-terminated within PW_REC_MAX. */
	memset(t, 'a', sizeof t - 1);
	t[sizeof t - 1] = '\0';
	memcpy(t, rec, n);
	assert_int_equal(pw_needs_rehash(t), -1);
}

static void pw_odd_passphrases(void **state)
{
	(void)state;
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES];
	char *huge = malloc(PW_PASS_MAX + 2);
	assert_non_null(huge);
	memset(huge, 'x', PW_PASS_MAX + 1);
	fast_limits();
	assert_int_equal(pw_new(huge, PW_PASS_MAX + 1, rec, kek), -1);
	assert_string_equal(rec, "");
	assert_int_equal(pw_new(huge, PW_PASS_MAX, rec, kek), 0);
	assert_int_equal(pw_check(huge, PW_PASS_MAX, rec, kek), 0);
	assert_int_equal(pw_check(huge, PW_PASS_MAX + 1, rec, kek), -1);
	assert_int_equal(pw_check(huge, (size_t)-1, rec, kek), -1);
	free(huge);
	/* Empty, and bytes that are not text: no crash, and they still match exactly. */
	assert_int_equal(pw_new(NULL, 0, rec, kek), 0);
	assert_int_equal(pw_check("", 0, rec, kek), 0);
	assert_int_equal(pw_check("a", 1, rec, kek), 1);
	const char bin[] = {'a', '\0', 'b', '\xff'};
	assert_int_equal(pw_new(bin, sizeof bin, rec, kek), 0);
	assert_int_equal(pw_check(bin, sizeof bin, rec, kek), 0);
	assert_int_equal(pw_check(bin, 1, rec, kek), 1);
}

/* ---- the bound on concurrent hashes ---- */

static pthread_barrier_t start_line;

static void *hash_three(void *arg)
{
	char rec[PW_REC_MAX];
	unsigned char kek[KEY_BYTES];
	int *failures = arg;
	pthread_barrier_wait(&start_line);
	for (int i = 0; i < 3; i++)
		if (pw_new("passphrase!", 11, rec, kek) != 0 ||
		    pw_check("passphrase!", 11, rec, kek) != 0)
			(*failures)++;
	return NULL;
}

static void pw_concurrency_bounded(void **state)
{
	(void)state;
	enum { THREADS = 8 };
	pthread_t th[THREADS];
	int failures[THREADS] = {0};
	int in_flight, peak;

	assert_int_equal(crypto_setup(2), 0);
	pw_set_limits(1, 2u << 20); /* 2 MiB: each hash takes a few milliseconds */
	assert_int_equal(pthread_barrier_init(&start_line, NULL, THREADS), 0);
	for (int i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, hash_three, &failures[i]), 0);
	for (int i = 0; i < THREADS; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(failures[i], 0);
	}
	pthread_barrier_destroy(&start_line);
	pw_stats(&in_flight, &peak);
	printf("report: crypto: at most %d of %d threads hashed at once (bound 2)\n", peak,
	       THREADS);
	assert_int_equal(in_flight, 0);
	assert_int_equal(peak, 2);
	assert_int_equal(crypto_setup(4), 0);
	pw_stats(NULL, &peak);
	assert_int_equal(peak, 0);
	assert_int_equal(crypto_setup(0), -1);
}

static void gate_closed_refuses(void **state)
{
	(void)state;
	struct gate g = GATE_INIT;
	int in_flight, peak;
	assert_int_equal(gate_enter(&g), -1);
	gate_set_max(&g, 1);
	assert_int_equal(gate_enter(&g), 0);
	gate_stats(&g, &in_flight, &peak);
	assert_int_equal(in_flight, 1);
	assert_int_equal(peak, 1);
	gate_leave(&g);
	gate_stats(&g, &in_flight, NULL);
	assert_int_equal(in_flight, 0);
}

/* ---- recovery codes ---- */

static void recovery_format(void **state)
{
	(void)state;
	char code[RECOVERY_CODE_MAX], code2[RECOVERY_CODE_MAX];
	unsigned char kek[KEY_BYTES];
	for (int n = 0; n < 200; n++) {
		recovery_code_new(code);
		assert_int_equal(strlen(code), RECOVERY_CODE_LEN);
		for (int i = 0; i < RECOVERY_CODE_LEN; i++) {
			if (i % 5 == 4)
				assert_int_equal(code[i], '-');
			else
				assert_non_null(
				    strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]));
		}
		assert_int_equal(recovery_kek(code, kek), 0);
	}
	recovery_code_new(code2);
	assert_string_not_equal(code, code2);
}

static void recovery_known_answer(void **state)
{
	(void)state;
	unsigned char kek[KEY_BYTES];
	assert_int_equal(recovery_kek("3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAX", kek), 0);
	assert_hex(kek, "82631fee05e1899011d54f3dac02dbb8c5e345b88baba52d482154f9594542e1");
}

static void recovery_normalises(void **state)
{
	(void)state;
	unsigned char kek[KEY_BYTES], kek2[KEY_BYTES];
	const char *same[] = {
	    "3zs4-eds6-yx3k-g71q-cjke-mx9m-hmax",
	    "3ZS4EDS6YX3KG71QCJKEMX9MHMAX",
	    "3ZS4 EDS6 YX3K G71Q CJKE MX9M HMAX",
	    "  3zs4 - EDs6-yx3k\tg7lq\ncjke-mx9m-hmax \n",
	    "3ZS4-EDS6-YX3K-G7IQ-CJKE-MX9M-HMAX", /* I and L read as 1 */
	    "3-Z-S-4-E-D-S-6-Y-X-3-K-G-7-1-Q-C-J-K-E-M-X-9-M-H-M-A-X",
	};
	assert_int_equal(recovery_kek("3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAX", kek), 0);
	for (size_t i = 0; i < ARRAY_LEN(same); i++) {
		assert_int_equal(recovery_kek(same[i], kek2), 0);
		assert_memory_equal(kek, kek2, KEY_BYTES);
	}
	/* O reads as 0. */
	char code[RECOVERY_CODE_MAX];
	for (;;) {
		recovery_code_new(code);
		if (strchr(code, '0'))
			break;
	}
	assert_int_equal(recovery_kek(code, kek), 0);
	for (char *p = code; *p; p++)
		if (*p == '0')
			*p = 'o';
	assert_int_equal(recovery_kek(code, kek2), 0);
	assert_memory_equal(kek, kek2, KEY_BYTES);
}

static void recovery_malformed(void **state)
{
	(void)state;
	unsigned char kek[KEY_BYTES];
	const char *bad[] = {
	    "",
	    "----",
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMA",   /* one short */
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAXX", /* one long */
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAU",  /* U is not in the alphabet */
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMA*",
	    "3ZS4_EDS6-YX3K-G71Q-CJKE-MX9M-HMAX",
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAY", /* check does not match */
	    "Z3S4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAX", /* swapped */
	    "3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAX-3ZS4-EDS6-YX3K-G71Q-CJKE-MX9M-HMAX",
	    "3ZS4-EDS6-YX3K-G71Q-CJKÉ-MX9M-HMAX",
	};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		memset(kek, 0x55, sizeof kek);
		assert_int_equal(recovery_kek(bad[i], kek), -1);
		assert_true(all_zero(kek, KEY_BYTES));
	}
	assert_int_equal(recovery_kek(NULL, kek), -1);
}

/* Every single-character typo either is caught or yields another kek. */
static void recovery_typos(void **state)
{
	(void)state;
	static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
	char code[RECOVERY_CODE_MAX], t[RECOVERY_CODE_MAX];
	unsigned char kek[KEY_BYTES], kek2[KEY_BYTES];
	unsigned tried = 0, caught = 0;
	for (int n = 0; n < 40; n++) {
		recovery_code_new(code);
		assert_int_equal(recovery_kek(code, kek), 0);
		for (int i = 0; i < RECOVERY_CODE_LEN; i++) {
			if (code[i] == '-')
				continue;
			for (int s = 0; s < 32; s += 7) {
				strcpy(t, code);
				if (alphabet[s] == code[i])
					continue;
				t[i] = alphabet[s];
				tried++;
				if (recovery_kek(t, kek2) < 0)
					caught++;
				else
					assert_memory_not_equal(kek, kek2, KEY_BYTES);
			}
		}
	}
	printf("report: crypto: recovery-code check caught %u of %u single-character typos\n",
	       caught, tried);
	assert_true(caught * 100 >= tried * 99);
}

/* ---- tokens ---- */

static void token_formats(void **state)
{
	(void)state;
	char tok[TOKEN_B64_LEN + 1], tok2[TOKEN_B64_LEN + 1], t[64];
	token_new(tok);
	token_new(tok2);
	assert_int_equal(strlen(tok), TOKEN_B64_LEN);
	assert_int_equal(strspn(tok, b64chars), TOKEN_B64_LEN);
	assert_string_not_equal(tok, tok2);
	assert_int_equal(token_valid(tok), 0);

	assert_int_equal(token_valid(NULL), -1);
	assert_int_equal(token_valid(""), -1);
	memcpy(t, tok, TOKEN_B64_LEN - 1);
	t[TOKEN_B64_LEN - 1] = '\0';
	assert_int_equal(token_valid(t), -1);
	snprintf(t, sizeof t, "%sA", tok);
	assert_int_equal(token_valid(t), -1);
	const char swaps[] = {'+', '/', '=', ' ', '.', '\n'};
	for (size_t i = 0; i < sizeof swaps; i++) {
		strcpy(t, tok);
		t[5] = swaps[i];
		assert_int_equal(token_valid(t), -1);
	}
	/* 43 characters carry 258 bits: the last one's two spare bits must be zero. */
	strcpy(t, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8");
	assert_int_equal(token_valid(t), 0);
	t[TOKEN_B64_LEN - 1] = '9';
	assert_int_equal(token_valid(t), -1);
}

static void token_derivations(void **state)
{
	(void)state;
	const char *tok = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
	char id[TOKEN_ID_HEX_LEN + 1], csrf[TOKEN_B64_LEN + 1];
	unsigned char kek[KEY_BYTES];
	token_id(tok, id);
	assert_string_equal(id, "285ab430ff43d78f3b3de35da87966e50b3bb52eb6edac3a7ac3ebd1dbaef95f");
	token_kek(tok, kek);
	assert_hex(kek, "03838f553c82fbd727feed5cff270d0ded2077098d51140f2daf84865ee9d6e3");
	token_csrf(tok, csrf);
	assert_string_equal(csrf, "TFMo8VTQjVK-WgM-j9wCsEz_ZuRk_TnITBsHpMgYmr4");
}

static void token_id_kek_csrf(void **state)
{
	(void)state;
	char tok[TOKEN_B64_LEN + 1], tok2[TOKEN_B64_LEN + 1];
	char id[TOKEN_ID_HEX_LEN + 1], id2[TOKEN_ID_HEX_LEN + 1];
	char csrf[TOKEN_B64_LEN + 1], csrf2[TOKEN_B64_LEN + 1];
	unsigned char kek[KEY_BYTES], idbin[KEY_BYTES];
	size_t n;
	token_new(tok);
	token_new(tok2);

	token_id(tok, id);
	assert_int_equal(strlen(id), TOKEN_ID_HEX_LEN);
	assert_int_equal(strspn(id, "0123456789abcdef"), TOKEN_ID_HEX_LEN);
	token_id(tok, id2);
	assert_string_equal(id, id2);
	token_id(tok2, id2);
	assert_string_not_equal(id, id2);

	/* The stored id is not the session's key. */
	token_kek(tok, kek);
	assert_int_equal(sodium_hex2bin(idbin, sizeof idbin, id, strlen(id), NULL, &n, NULL), 0);
	assert_int_equal(n, KEY_BYTES);
	assert_memory_not_equal(idbin, kek, KEY_BYTES);

	token_csrf(tok, csrf);
	assert_int_equal(token_valid(csrf), 0);
	assert_string_not_equal(csrf, tok);
	token_csrf(tok, csrf2);
	assert_string_equal(csrf, csrf2);
	token_csrf(tok2, csrf2);
	assert_string_not_equal(csrf, csrf2);
}

static void token_equal_compares(void **state)
{
	(void)state;
	assert_int_equal(token_equal("abc", "abc"), 1);
	assert_int_equal(token_equal("", ""), 1);
	assert_int_equal(token_equal("abc", "abd"), 0);
	assert_int_equal(token_equal("abc", "abcd"), 0);
	assert_int_equal(token_equal("abcd", "abc"), 0);
	assert_int_equal(token_equal("", "a"), 0);
	assert_int_equal(token_equal(NULL, "a"), 0);
	assert_int_equal(token_equal("a", NULL), 0);
	assert_int_equal(token_equal(NULL, NULL), 0);
}

/* ---- sealed text ---- */

static void seal_roundtrip_sizes(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES];
	size_t sizes[] = {0, 1, 2, 3, 25, 3072 - 40, 3072 - 39, 3072 * 2, 65536, 65537};
	char *plain = malloc(65537);
	assert_non_null(plain);
	randombytes_buf(plain, 65537); /* any bytes, NUL included */
	key_random(key);
	for (size_t i = 0; i < ARRAY_LEN(sizes); i++) {
		struct buf sealed = BUF_INIT(1 << 20), back = BUF_INIT(1 << 20);
		assert_int_equal(seal_text(key, plain, sizes[i], "journal:user:42", &sealed), 0);
		assert_int_equal(sealed.len, SEAL_B64_LEN(sizes[i]));
		assert_int_equal(strspn(sealed.data, b64chars), sealed.len);
		assert_int_equal(open_text(key, sealed.data, sealed.len, "journal:user:42", &back),
		                 0);
		assert_int_equal(back.len, sizes[i]);
		if (sizes[i])
			assert_memory_equal(back.data, plain, sizes[i]);
		buf_release(&sealed);
		buf_release(&back);
	}
	free(plain);
}

static void seal_known_answer(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], kek[KEY_BYTES];
	struct buf b = BUF_INIT(1000);
	const char *sealed = "l4OdlCbAnSLd2_XuAsKF9r3ENrrLEG3ZwlhrcUGrtpiycb5BtfIapcvL4wYsOI0o"
	                     "W9Cnph2-Pwq9Q9h2TU0MG3U";
	fixed_key(key, kek);
	assert_int_equal(open_text(key, sealed, strlen(sealed), "journal:user:42", &b), 0);
	assert_string_equal(b.data, "Sam felt unheard tonight.");
	buf_release(&b);
}

static void seal_appends_and_varies(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES];
	struct buf a = BUF_INIT(1000), b = BUF_INIT(1000);
	key_random(key);
	assert_int_equal(buf_puts(&a, "x="), 0);
	assert_int_equal(seal_text(key, "same", 4, "draft:user:7", &a), 0);
	assert_int_equal(seal_text(key, "same", 4, "draft:user:7", &b), 0);
	assert_int_equal(strncmp(a.data, "x=", 2), 0);
	assert_int_equal(a.len, 2 + SEAL_B64_LEN(4));
	assert_string_not_equal(a.data + 2, b.data); /* fresh nonce */
	/* Opening appends too. */
	buf_reset(&a);
	assert_int_equal(buf_puts(&a, ">"), 0);
	assert_int_equal(open_text(key, b.data, b.len, "draft:user:7", &a), 0);
	assert_string_equal(a.data, ">same");
	/* A length that stops short of the NUL is honoured. */
	buf_reset(&a);
	assert_int_equal(open_text(key, b.data, b.len - 1, "draft:user:7", &a), -1);
	buf_release(&a);
	buf_release(&b);
}

static void seal_tamper_fails(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES], other[KEY_BYTES];
	struct buf s = BUF_INIT(1000), out = BUF_INIT(1000);
	char t[256];
	const char *ad = "journal:user:42";
	key_random(key);
	memcpy(other, key, KEY_BYTES);
	other[0] ^= 0x80;
	assert_int_equal(seal_text(key, "I went quiet when Ana asked.", 28, ad, &s), 0);
	assert_true(s.len < sizeof t);

	assert_int_equal(buf_puts(&out, "kept"), 0);
	assert_int_equal(open_text(other, s.data, s.len, ad, &out), -1);
	assert_int_equal(open_text(key, s.data, s.len, "journal:user:43", &out), -1);
	assert_int_equal(open_text(key, s.data, s.len, "draft:user:42", &out), -1);
	assert_int_equal(open_text(key, s.data, s.len, NULL, &out), -1);
	for (size_t i = 0; i < s.len; i++) {
		memcpy(t, s.data, s.len);
		t[i] = other_b64(t[i]);
		assert_int_equal(open_text(key, t, s.len, ad, &out), -1);
	}
	for (size_t n = 0; n < s.len; n++)
		assert_int_equal(open_text(key, s.data, n, ad, &out), -1);
	memcpy(t, s.data, s.len);
	memcpy(t + s.len, "AAAA", 4);
	assert_int_equal(open_text(key, t, s.len + 4, ad, &out), -1);
	assert_int_equal(open_text(key, t, s.len + 1, ad, &out), -1);
	/* Failures leave out as it was. */
	assert_string_equal(out.data, "kept");
	buf_release(&out);
	assert_int_equal(open_text(key, s.data, s.len, ad, &out), 0);
	assert_string_equal(out.data, "I went quiet when Ana asked.");
	buf_release(&out);
	buf_release(&s);
}

static void seal_respects_buf_cap(void **state)
{
	(void)state;
	unsigned char key[KEY_BYTES];
	struct buf small = BUF_INIT(SEAL_B64_LEN(100) - 1), s = BUF_INIT(1000);
	char plain[100] = {0};
	key_random(key);
	assert_int_equal(seal_text(key, plain, sizeof plain, "a", &small), -1);
	assert_false(buf_ok(&small));
	assert_int_equal(seal_text(key, plain, sizeof plain, "a", &s), 0);
	struct buf tiny = BUF_INIT(99);
	assert_int_equal(open_text(key, s.data, s.len, "a", &tiny), -1);
	assert_int_equal(seal_text(key, plain, SEAL_PLAIN_MAX + 1, "a", &s), -1);
	buf_release(&small);
	buf_release(&tiny);
	buf_release(&s);
}

static int group_setup(void **state)
{
	(void)state;
	return crypto_setup(4);
}

/* The associated data strings are a stored format: every wrapped key and
 * sealed entry in a database depends on them staying exactly so. */
static void ad_strings_are_a_stored_format(void **state)
{
	(void)state;
	char ad[KEY_AD_MAX];
	key_ad_pass(ad, "ana");
	assert_string_equal(ad, "pass:ana");
	key_ad_recovery(ad, "ana");
	assert_string_equal(ad, "recovery:ana");
	key_ad_session(ad, 42);
	assert_string_equal(ad, "session:42");
	key_ad_journal(ad, 42);
	assert_string_equal(ad, "journal:user:42");
	key_ad_invite(ad, 42);
	assert_string_equal(ad, "invite:user:42");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ad_strings_are_a_stored_format),
	    cmocka_unit_test(wrap_roundtrip),
	    cmocka_unit_test(wrap_known_answer),
	    cmocka_unit_test(wrap_wrong_kek_or_ad_fails),
	    cmocka_unit_test(wrap_tampered_fails),
	    cmocka_unit_test(wrap_truncated_or_extended_fails),
	    cmocka_unit_test(pw_right_and_wrong),
	    cmocka_unit_test(pw_known_answer),
	    cmocka_unit_test(pw_record_carries_params),
	    cmocka_unit_test(pw_default_limits),
	    cmocka_unit_test(pw_rehash),
	    cmocka_unit_test(pw_malformed_records),
	    cmocka_unit_test(pw_odd_passphrases),
	    cmocka_unit_test(pw_concurrency_bounded),
	    cmocka_unit_test(gate_closed_refuses),
	    cmocka_unit_test(recovery_format),
	    cmocka_unit_test(recovery_known_answer),
	    cmocka_unit_test(recovery_normalises),
	    cmocka_unit_test(recovery_malformed),
	    cmocka_unit_test(recovery_typos),
	    cmocka_unit_test(token_formats),
	    cmocka_unit_test(token_derivations),
	    cmocka_unit_test(token_id_kek_csrf),
	    cmocka_unit_test(token_equal_compares),
	    cmocka_unit_test(seal_roundtrip_sizes),
	    cmocka_unit_test(seal_known_answer),
	    cmocka_unit_test(seal_appends_and_varies),
	    cmocka_unit_test(seal_tamper_fails),
	    cmocka_unit_test(seal_respects_buf_cap),
	};
	return cmocka_run_group_tests_name("crypto", tests, group_setup, NULL);
}
