/* mail.h: sending one plain-text email over SMTP with libcurl, for reminders.
 *
 * Configured by the operator in the environment:
 *   DUET_SMTP_URL       smtp://host:port (STARTTLS when the server offers it) or
 *                       smtps://host:port (TLS from the start); unset: no email
 *   DUET_SMTP_FROM      the sender address (required with DUET_SMTP_URL)
 *   DUET_SMTP_USER, DUET_SMTP_PASSWORD   login, when the server wants one
 * Addresses are checked by mail_address_ok() before they are stored or used,
 * so they can never carry a line break into the message.
 */
#ifndef DUET_MAIL_H
#define DUET_MAIL_H

#include "util/err.h"

#define MAIL_ADDRESS_MAX 254

struct mail_config {
	const char *url, *from, *user, *password; /* borrowed from the environment */
};

/* Fills c from the environment. 1 when email is configured, 0 when not, -1
 * with e set when it is configured wrongly (no valid sender, a bad URL). */
int mail_config_env(struct mail_config *c, struct err *e) WARN_UNUSED_RESULT;

/* 1 when s looks like one plain address "local@domain.tld": printable ASCII,
 * no spaces, quotes, angle brackets or commas, one @, at most 254 bytes. */
int mail_address_ok(const char *s);

/* Sends one message (subject and body are plain ASCII/UTF-8 text written by
 * duet, never by users). 0, or -1 with e set. */
int mail_send(const struct mail_config *c, const char *to, const char *subject, const char *body,
              struct err *e) WARN_UNUSED_RESULT;

#endif
