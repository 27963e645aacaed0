/* tls.c: certificates for built-in HTTPS (see tls.h). */
#include "tls.h"

#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#define CHAIN_MAX 8

/* One loaded certificate chain and key. */
struct tls_pair {
	gnutls_pcert_st chain[CHAIN_MAX];
	unsigned n;
	gnutls_privkey_t key;
	struct tls_pair *older; /* kept until tls_free */
};

static _Atomic(struct tls_pair *) current;
static char *cert_path, *key_path;

static void pair_free(struct tls_pair *p)
{
	for (unsigned i = 0; i < p->n; i++)
		gnutls_pcert_deinit(&p->chain[i]);
	if (p->key)
		gnutls_privkey_deinit(p->key);
	free(p);
}

/* Checks that key and certificate belong together, the way GnuTLS does when
 * it is given both files. */
static int check_match(struct err *e)
{
	gnutls_certificate_credentials_t cred;
	if (gnutls_certificate_allocate_credentials(&cred) < 0)
		return err_set(e, 500, "no_memory", "out of memory loading the TLS certificate");
	int rc = gnutls_certificate_set_x509_key_file(cred, cert_path, key_path,
						      GNUTLS_X509_FMT_PEM);
	gnutls_certificate_free_credentials(cred);
	if (rc < 0)
		return err_set(e, 500, "tls", "the TLS certificate %.100s and key %.100s do not work "
					    "together: %s",
			       cert_path, key_path, gnutls_strerror(rc));
	return 0;
}

static struct tls_pair *pair_load(struct err *e)
{
	gnutls_datum_t cert = { 0 }, key = { 0 };
	struct tls_pair *p = calloc(1, sizeof *p);
	if (!p) {
		err_set(e, 500, "no_memory", "out of memory loading the TLS certificate");
		return NULL;
	}
	int rc;
	if ((rc = gnutls_load_file(cert_path, &cert)) < 0) {
		err_set(e, 500, "tls", "could not read the TLS certificate %.160s: %s", cert_path,
			gnutls_strerror(rc));
		goto fail;
	}
	if ((rc = gnutls_load_file(key_path, &key)) < 0) {
		err_set(e, 500, "tls", "could not read the TLS key %.160s: %s (is it readable by "
				     "the user duet runs as?)",
			key_path, gnutls_strerror(rc));
		goto fail;
	}
	p->n = CHAIN_MAX;
	if ((rc = gnutls_pcert_list_import_x509_raw(p->chain, &p->n, &cert, GNUTLS_X509_FMT_PEM,
						    0)) < 0) {
		p->n = 0;
		err_set(e, 500, "tls", "%.160s holds no PEM certificate duet can use: %s", cert_path,
			gnutls_strerror(rc));
		goto fail;
	}
	if ((rc = gnutls_privkey_init(&p->key)) < 0 ||
	    (rc = gnutls_privkey_import_x509_raw(p->key, &key, GNUTLS_X509_FMT_PEM, NULL, 0)) < 0) {
		err_set(e, 500, "tls", "%.160s holds no PEM private key duet can use: %s", key_path,
			gnutls_strerror(rc));
		goto fail;
	}
	if (check_match(e) < 0)
		goto fail;
	gnutls_free(cert.data);
	gnutls_free(key.data);
	return p;
fail:
	gnutls_free(cert.data);
	gnutls_free(key.data);
	pair_free(p);
	return NULL;
}

int tls_setup(const char *cert_file, const char *key_file, struct err *e)
{
	free(cert_path);
	free(key_path);
	cert_path = strdup(cert_file);
	key_path = strdup(key_file);
	if (!cert_path || !key_path)
		return err_set(e, 500, "no_memory", "out of memory");
	struct tls_pair *p = pair_load(e);
	if (!p)
		return -1;
	atomic_store(&current, p);
	return 0;
}

int tls_reload(struct err *e)
{
	struct tls_pair *p = pair_load(e);
	if (!p)
		return -1;
	p->older = atomic_exchange(&current, p);
	return 0;
}

static int cert_cb(gnutls_session_t s, const gnutls_datum_t *req_ca_dn, int nreqs,
		   const gnutls_pk_algorithm_t *algos, int nalgos, gnutls_pcert_st **chain,
		   unsigned int *n, gnutls_privkey_t *key)
{
	(void)s;
	(void)req_ca_dn;
	(void)nreqs;
	(void)algos;
	(void)nalgos;
	struct tls_pair *p = atomic_load(&current);
	if (!p)
		return -1;
	*chain = p->chain;
	*n = p->n;
	*key = p->key;
	return 0;
}

void *tls_cert_callback(void)
{
	return (void *)cert_cb;
}

void tls_free(void)
{
	struct tls_pair *p = atomic_exchange(&current, NULL);
	while (p) {
		struct tls_pair *older = p->older;
		pair_free(p);
		p = older;
	}
	free(cert_path);
	free(key_path);
	cert_path = key_path = NULL;
}
