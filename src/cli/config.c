/* config.c: parsing the configuration file (see config.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "http/server.h"
#include "util/utf8.h"

enum kind { K_TEXT, K_ADDR, K_INT, K_BOOL, K_LOG_FORMAT };

struct key {
	const char *key;
	const char *env;
	enum kind kind;
	long min, max; /* for K_INT */
};

/* Every setting duet reads. Adding a DUET_* getenv() means adding a row here,
 * in README "Configuring" and in docs/duet.1. */
static const struct key keys[] = {
	{ "listen", "DUET_LISTEN", K_ADDR, 0, 0 },
	{ "db", "DUET_DB", K_TEXT, 0, 0 },
	{ "threads", "DUET_THREADS", K_INT, 1, 256 },
	{ "tls-cert", "DUET_TLS_CERT", K_TEXT, 0, 0 },
	{ "tls-key", "DUET_TLS_KEY", K_TEXT, 0, 0 },
	{ "metrics-listen", "DUET_METRICS_LISTEN", K_ADDR, 0, 0 },
	{ "log-format", "DUET_LOG_FORMAT", K_LOG_FORMAT, 0, 0 },
	{ "data", "DUET_DATA", K_TEXT, 0, 0 },
	{ "static", "DUET_STATIC", K_TEXT, 0, 0 },
	{ "cookie-secure", "DUET_COOKIE_SECURE", K_BOOL, 0, 0 },
	{ "quiet", "DUET_QUIET", K_BOOL, 0, 0 },
	{ "page-cache-mb", "DUET_PAGE_CACHE_MB", K_INT, 0, 1024 },
	{ "db-max-mb", "DUET_DB_MAX_MB", K_INT, 1, 8388607 },
	{ "sql-trace", "DUET_SQL_TRACE", K_TEXT, 0, 0 },
	{ "group-commit", "DUET_GROUP_COMMIT", K_BOOL, 0, 0 },
	{ "events-hold", "DUET_EVENTS_HOLD", K_BOOL, 0, 0 },
	{ "remind-every", "DUET_REMIND_EVERY", K_INT, 0, 604800 },
	{ "trusted-proxies", "DUET_TRUSTED_PROXIES", K_TEXT, 0, 0 },
	{ "connections-per-address", "DUET_CONNECTIONS_PER_ADDRESS", K_INT, 0, 100000 },
	{ "header-timeout", "DUET_HEADER_TIMEOUT", K_INT, 0, 100000 },
	{ "hash-queue", "DUET_HASH_QUEUE", K_INT, 0, 100000 },
	{ "signups-per-hour", "DUET_SIGNUPS_PER_HOUR", K_INT, 0, 1000000 },
	{ "adds-per-hour", "DUET_ADDS_PER_HOUR", K_INT, 0, 1000000 },
	{ "couple-quota-mb", "DUET_COUPLE_QUOTA_MB", K_INT, 0, 1000000 },
	{ "push-contact", "DUET_PUSH_CONTACT", K_TEXT, 0, 0 },
	{ "push-allow-http", "DUET_PUSH_ALLOW_HTTP", K_BOOL, 0, 0 },
	{ "help-text", "DUET_HELP_TEXT", K_TEXT, 0, 0 },
	{ "help-url", "DUET_HELP_URL", K_TEXT, 0, 0 },
	{ "exit-url", "DUET_EXIT_URL", K_TEXT, 0, 0 },
	{ "public-url", "DUET_PUBLIC_URL", K_TEXT, 0, 0 },
	{ "smtp-url", "DUET_SMTP_URL", K_TEXT, 0, 0 },
	{ "smtp-from", "DUET_SMTP_FROM", K_TEXT, 0, 0 },
	{ "smtp-user", "DUET_SMTP_USER", K_TEXT, 0, 0 },
	{ "smtp-password", "DUET_SMTP_PASSWORD", K_TEXT, 0, 0 },
};

static const struct key *key_find(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(keys); i++)
		if (!strcmp(keys[i].key, key))
			return &keys[i];
	return NULL;
}

const char *config_env_of(const char *key)
{
	const struct key *k = key_find(key);
	return k ? k->env : NULL;
}

static int check(const struct key *k, const char *v, struct err *e)
{
	if (!*v)
		return err_usage(e, "%s wants a value", k->key);
	for (const char *p = v; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return err_usage(e, "the value of %s holds a control character",
				       k->key);
	if (!utf8_valid(v, strlen(v)))
		return err_usage(e, "the value of %s is not valid UTF-8", k->key);
	switch (k->kind) {
	case K_TEXT:
		return 0;
	case K_ADDR: {
		struct sockaddr_storage ss;
		struct err pe = { 0 };
		if (server_parse_listen(v, &ss, &pe) < 0)
			return err_usage(e, "%s wants ADDRESS:PORT, like 127.0.0.1:8080, not '%.64s'",
				       k->key, v);
		return 0;
	}
	case K_INT: {
		char *end;
		errno = 0;
		long n = strtol(v, &end, 10);
		if (*end || errno || n < k->min || n > k->max)
			return err_usage(e, "%s wants a whole number from %ld to %ld, not '%.32s'",
				       k->key, k->min, k->max, v);
		return 0;
	}
	case K_BOOL:
		if (strcmp(v, "0") && strcmp(v, "1"))
			return err_usage(e, "%s wants 1 (on) or 0 (off), not '%.32s'", k->key,
				       v);
		return 0;
	case K_LOG_FORMAT:
		if (strcmp(v, "text") && strcmp(v, "json"))
			return err_usage(e, "%s wants text or json, not '%.32s'", k->key, v);
		return 0;
	}
	return err_usage(e, "%s cannot be checked", k->key);
}

int config_check(const char *key, const char *value, struct err *e)
{
	const struct key *k = key_find(key);
	if (!k)
		return err_usage(e, "'%.64s' is not a setting duet knows", key);
	return check(k, value, e);
}

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Trims the blanks around s in place. */
static char *trim(char *s)
{
	while (is_blank(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_blank(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Sets e to "FILE:LINE: " and the message already in why. */
static int fail_at(struct err *e, const char *file, int line, const struct err *why)
{
	return err_usage(e, "%.120s:%d: %s", file, line, why->msg);
}

int config_parse(const char *text, size_t len, const char *file, struct config *out,
		 struct err *e)
{
	memset(out, 0, sizeof *out);
	struct err why = { 0 };
	if (len > CONFIG_MAX_BYTES)
		return err_usage(e, "%.120s: the file is larger than %u KiB", file,
			       CONFIG_MAX_BYTES >> 10);
	if (memchr(text, '\0', len))
		return err_usage(e, "%.120s: the file holds a NUL byte (is it text?)", file);
	/* One allocation: the settings (at most one per key) and the text after them. */
	size_t head = ARRAY_LEN(keys) * sizeof(struct config_setting);
	char *mem = malloc(head + len + 1);
	if (!mem)
		return err_set(e, 500, "no_memory", "out of memory reading %.120s", file);
	out->set = (struct config_setting *)(void *)mem;
	out->text = mem;
	char *s = mem + head;
	memcpy(s, text, len);
	s[len] = '\0';
	int line = 0;
	while (s) {
		line++;
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		char *l = trim(s);
		s = nl ? nl + 1 : NULL;
		if (!*l || *l == '#')
			continue;
		char *eq = strchr(l, '=');
		if (!eq) {
			err_usage(&why, "expected key = value, like listen = 127.0.0.1:8080");
			goto fail;
		}
		*eq = '\0';
		char *key = trim(l);
		char *value = trim(eq + 1);
		const struct key *k = key_find(key);
		if (!k) {
			err_usage(&why, "'%.64s' is not a setting duet knows%s", key,
				!strncmp(key, "DUET_", 5) || !strncmp(key, "duet_", 5)
					? " (write it in lower case without DUET_, '-' for '_')"
					: "");
			goto fail;
		}
		for (size_t i = 0; i < out->n; i++)
			if (out->set[i].key == k->key) {
				err_usage(&why, "%s is set twice (first on line %d)", k->key,
					out->set[i].line);
				goto fail;
			}
		if (check(k, value, &why) < 0)
			goto fail;
		out->set[out->n++] = (struct config_setting){ k->key, k->env, value, line };
	}
	if (out->n == 0)
		config_release(out);
	return 0;
fail:
	config_release(out);
	return fail_at(e, file, line, &why);
}

void config_release(struct config *c)
{
	free(c->text);
	memset(c, 0, sizeof *c);
}
