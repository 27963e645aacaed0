/* mail.c: one plain-text email over SMTP with libcurl (see mail.h). */
#include "mail.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/buf.h"

#define MAIL_MAX (16 * 1024)
#define MAIL_TIMEOUT_S 30L

int mail_address_ok(const char *s)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	const char *at = strchr(s, '@');
	if (n < 3 || n > MAIL_ADDRESS_MAX || !at || at == s || strchr(at + 1, '@') ||
	    !strchr(at + 1, '.') || at[1] == '.' || s[n - 1] == '.')
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    strchr("<>()[],;:\"\\", *p))
			return 0;
	return 1;
}

int mail_config_env(struct mail_config *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->url = getenv("DUET_SMTP_URL");
	if (!c->url || !*c->url)
		return 0;
	if (strncmp(c->url, "smtp://", 7) && strncmp(c->url, "smtps://", 8))
		return err_set(e, 500, "config", "DUET_SMTP_URL must start with smtp:// or smtps://");
	c->from = getenv("DUET_SMTP_FROM");
	if (!mail_address_ok(c->from))
		return err_set(
		    e, 1, "config",
		    "DUET_SMTP_FROM must be set to the sender's address, like duet@example.org");
	c->user = getenv("DUET_SMTP_USER");
	c->password = getenv("DUET_SMTP_PASSWORD");
	return 1;
}

struct reader {
	const char *p;
	size_t left;
};

static size_t read_cb(char *dst, size_t size, size_t nmemb, void *ctx)
{
	struct reader *rd = ctx;
	size_t n = size * nmemb;
	if (n > rd->left)
		n = rd->left;
	memcpy(dst, rd->p, n);
	rd->p += n;
	rd->left -= n;
	return n;
}

/* The subject as a header value: as it is when plain ASCII, else as one
 * RFC 2047 encoded word (UTF-8, base64), since a header may hold only ASCII. */
static int put_subject(struct buf *m, const char *subject)
{
	int ascii = 1;
	for (const unsigned char *p = (const unsigned char *)subject; *p; p++)
		if (*p >= 0x80 || *p < 0x20)
			ascii = 0;
	if (ascii)
		return buf_puts(m, subject);
	size_t n = strlen(subject);
	char b64[512];
	if (n > 300)
		n = 300; /* ours are one short line; a longer one is cut */
	sodium_bin2base64(b64, sizeof b64, (const unsigned char *)subject, n,
	                  sodium_base64_VARIANT_ORIGINAL);
	return buf_printf(m, "=?UTF-8?B?%s?=", b64);
}

/* The message with its headers; lines end in CRLF. */
static int compose(struct buf *m, const struct mail_config *c, const char *to, const char *subject,
                   const char *body)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	int rc = buf_printf(m, "Date: %s\r\nFrom: duet <%s>\r\nTo: <%s>\r\nSubject: ", date,
	                    c->from, to);
	if (rc == 0)
		rc = put_subject(m, subject);
	if (rc == 0)
		rc = buf_puts(m, "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
		                 "Content-Transfer-Encoding: 8bit\r\nAuto-Submitted: auto-generated\r\n\r\n");
	for (const char *p = body; *p && rc == 0; p++) {
		if (*p == '\n')
			rc = buf_puts(m, "\r\n");
		else
			rc = buf_putc(m, *p);
	}
	return rc < 0 || buf_puts(m, "\r\n") < 0 ? -1 : 0;
}

int mail_send(const struct mail_config *c, const char *to, const char *subject, const char *body,
              struct err *e)
{
	if (!mail_address_ok(to))
		return err_set(e, 400, "invalid_email",
		               "That is not an email address duet can use.");
	struct buf m = BUF_INIT(MAIL_MAX);
	if (compose(&m, c, to, subject, body) < 0) {
		buf_release(&m);
		return err_set(e, 500, "too_large", "The email grew too large.");
	}
	CURL *curl = curl_easy_init();
	if (!curl) {
		buf_release(&m);
		return err_set(e, 500, "mail", "Could not start the mail library.");
	}
	char rcpt[MAIL_ADDRESS_MAX + 3], from[MAIL_ADDRESS_MAX + 3];
	snprintf(rcpt, sizeof rcpt, "<%s>", to);
	snprintf(from, sizeof from, "<%s>", c->from);
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	struct reader rd = {m.data, m.len};
	curl_easy_setopt(curl, CURLOPT_URL, c->url);
	curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(curl, CURLOPT_READDATA, &rd);
	curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT, MAIL_TIMEOUT_S);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (!strncmp(c->url, "smtp://", 7))
		curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (c->user && *c->user) {
		curl_easy_setopt(curl, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(curl, CURLOPT_PASSWORD, c->password ? c->password : "");
	}
	CURLcode res = rcpts ? curl_easy_perform(curl) : CURLE_OUT_OF_MEMORY;
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(curl);
	buf_release(&m);
	if (res != CURLE_OK)
		return err_set(e, 502, "mail", "Sending the email failed: %s",
		               curl_easy_strerror(res));
	return 0;
}
