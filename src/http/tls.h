/* tls.h: the certificate and key of built-in HTTPS (libmicrohttpd over GnuTLS).
 *
 * The server asks for the certificate at each handshake through a callback
 * (MHD_OPTION_HTTPS_CERT_CALLBACK), so that tls_reload (on SIGHUP) can put a
 * renewed certificate in place without a restart and without dropping a
 * connection. Invariant: once tls_setup succeeded, a loaded certificate and
 * key are always in place; a reload that fails leaves the old ones. Every
 * loaded pair is kept until tls_free, since a handshake under way may still
 * hold the one before. */
#ifndef DUET_TLS_H
#define DUET_TLS_H

#include "util/common.h"
#include "util/err.h"

/* Loads the PEM certificate chain and private key and checks that they
 * belong together. 0, or -1 with e set (status 1). The paths are copied. */
int tls_setup(const char *cert_file, const char *key_file, struct err *e) WARN_UNUSED_RESULT;

/* Loads the files again; 0 when the new pair is in place, -1 with e set (the
 * old pair stays). */
int tls_reload(struct err *e) WARN_UNUSED_RESULT;

/* The callback to pass with MHD_OPTION_HTTPS_CERT_CALLBACK (a
 * gnutls_certificate_retrieve_function2 *, untyped here to keep GnuTLS out of
 * the header). */
void *tls_cert_callback(void);

/* Frees every pair loaded; call after the server stopped. */
void tls_free(void);

#endif
