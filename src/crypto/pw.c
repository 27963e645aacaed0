/* pw.c: Argon2id passphrase records and the bound on concurrent hashes (see pw.h). */
#include "pw.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "derive.h"
#include "gate.h"

#define SALT_BYTES crypto_pwhash_SALTBYTES
#define VERIFIER_BYTES 32
#define REC_PREFIX "argon2id$1$"

static struct gate pw_gate = GATE_INIT;
static _Atomic unsigned long long pw_ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static _Atomic size_t pw_mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;

struct pw_rec {
	unsigned long long ops;
	size_t mem;
	unsigned char salt[SALT_BYTES];
	unsigned char verifier[VERIFIER_BYTES];
};

int pw_setup(int max_concurrent)
{
	if (max_concurrent < 1)
		return -1;
	gate_set_max(&pw_gate, max_concurrent);
	return 0;
}

void pw_stats(int *in_flight, int *peak)
{
	gate_stats(&pw_gate, in_flight, peak);
}

static unsigned long long clamp(unsigned long long v, unsigned long long lo, unsigned long long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void pw_set_limits(unsigned long long opslimit, size_t memlimit)
{
	pw_ops = clamp(opslimit, crypto_pwhash_OPSLIMIT_MIN, PW_OPS_MAX);
	pw_mem = (size_t)clamp(memlimit, crypto_pwhash_MEMLIMIT_MIN, PW_MEM_MAX);
}

/* Reads "<name>=<decimal>" followed by '$' at *p, advancing past the '$'.
 * Decimal without sign, leading zeros or overflow. 0 / -1. */
static int parse_param(const char **p, const char *name, unsigned long long *out)
{
	size_t nlen = strlen(name);
	const char *s = *p;
	unsigned long long v = 0;
	if (strncmp(s, name, nlen) != 0 || s[nlen] != '=')
		return -1;
	s += nlen + 1;
	if (s[0] < '1' || s[0] > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (PW_MEM_MAX - (unsigned)(*s - '0')) / 10)
			return -1; /* past any limit we accept */
		v = v * 10 + (unsigned)(*s - '0');
	}
	if (*s != '$')
		return -1;
	*p = s + 1;
	*out = v;
	return 0;
}

/* Parses a record strictly; 0 / -1. */
static int rec_parse(const char *rec, struct pw_rec *r)
{
	unsigned long long ops, mem;
	if (!rec || strnlen(rec, PW_REC_MAX) >= PW_REC_MAX)
		return -1;
	if (strncmp(rec, REC_PREFIX, strlen(REC_PREFIX)) != 0)
		return -1;
	const char *p = rec + strlen(REC_PREFIX);
	if (parse_param(&p, "ops", &ops) < 0 || parse_param(&p, "mem", &mem) < 0)
		return -1;
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > PW_OPS_MAX ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > PW_MEM_MAX)
		return -1;
	const char *dollar = strchr(p, '$');
	if (!dollar || derive_unb64(r->salt, SALT_BYTES, p, (size_t)(dollar - p)) < 0)
		return -1;
	p = dollar + 1;
	if (derive_unb64(r->verifier, VERIFIER_BYTES, p, strlen(p)) < 0)
		return -1;
	r->ops = ops;
	r->mem = (size_t)mem;
	return 0;
}

/* Runs Argon2id under the gate and derives the verifier and the kek from its
 * output. 0, or -1 when memory runs out or the gate is closed. */
static int pw_derive(const char *pass, size_t len, const struct pw_rec *r,
                     unsigned char verifier[VERIFIER_BYTES], unsigned char kek[KEY_BYTES])
{
	unsigned char secret[32];
	if (gate_enter(&pw_gate) < 0)
		return -1;
	int rc = crypto_pwhash(secret, sizeof secret, len ? pass : "", len, r->salt, r->ops, r->mem,
	                       crypto_pwhash_ALG_ARGON2ID13);
	gate_leave(&pw_gate);
	if (rc != 0) {
		sodium_memzero(secret, sizeof secret);
		return -1;
	}
	derive_hash(verifier, VERIFIER_BYTES, "duet:pw-verify", NULL, 0, secret, sizeof secret);
	derive_hash(kek, KEY_BYTES, "duet:pw-kek", NULL, 0, secret, sizeof secret);
	sodium_memzero(secret, sizeof secret);
	return 0;
}

int pw_new(const char *pass, size_t len, char rec[PW_REC_MAX], unsigned char kek[KEY_BYTES])
{
	struct pw_rec r;
	char salt64[CRYPTO_B64_LEN(SALT_BYTES) + 1];
	char ver64[CRYPTO_B64_LEN(VERIFIER_BYTES) + 1];

	rec[0] = '\0';
	sodium_memzero(kek, KEY_BYTES);
	if (len > PW_PASS_MAX)
		return -1;
	r.ops = pw_ops;
	r.mem = pw_mem;
	randombytes_buf(r.salt, sizeof r.salt);
	if (pw_derive(pass, len, &r, r.verifier, kek) < 0)
		return -1;
	derive_b64(salt64, r.salt, sizeof r.salt);
	derive_b64(ver64, r.verifier, sizeof r.verifier);
	snprintf(rec, PW_REC_MAX, REC_PREFIX "ops=%llu$mem=%zu$%s$%s", r.ops, r.mem, salt64, ver64);
	return 0;
}

int pw_check(const char *pass, size_t len, const char *rec, unsigned char kek[KEY_BYTES])
{
	struct pw_rec r;
	unsigned char verifier[VERIFIER_BYTES];

	sodium_memzero(kek, KEY_BYTES);
	if (len > PW_PASS_MAX || rec_parse(rec, &r) < 0)
		return -1;
	if (pw_derive(pass, len, &r, verifier, kek) < 0)
		return -1;
	int same = sodium_memcmp(verifier, r.verifier, VERIFIER_BYTES) == 0;
	sodium_memzero(verifier, sizeof verifier);
	if (!same) {
		sodium_memzero(kek, KEY_BYTES);
		return 1;
	}
	return 0;
}

int pw_needs_rehash(const char *rec)
{
	struct pw_rec r;
	if (rec_parse(rec, &r) < 0)
		return -1;
	return r.ops < pw_ops || r.mem < pw_mem;
}
