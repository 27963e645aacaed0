/* clientaddr.c: the client behind trusted proxies, and its group (see clientaddr.h). */
#include "clientaddr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Parses one address (surrounding blanks allowed) into a[16]; 0 / -1. */
static int parse_one(const char *s, size_t n, int *v6, unsigned char a[16])
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	char tmp[CLIENTADDR_MAX];
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	memset(a, 0, 16);
	if (inet_pton(AF_INET, tmp, a) == 1) {
		*v6 = 0;
		return 0;
	}
	if (inet_pton(AF_INET6, tmp, a) == 1) {
		*v6 = 1;
		return 0;
	}
	return -1;
}

int clientaddr_trust_parse(const char *list, struct clientaddr_trust *t, struct err *e)
{
	t->n = 0;
	if (!list)
		return 0;
	const char *p = list;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		int blank = 1;
		for (size_t i = 0; i < n; i++)
			if (p[i] != ' ' && p[i] != '\t')
				blank = 0;
		if (!blank) {
			if (t->n == CLIENTADDR_TRUST_MAX)
				return err_set(e, 2, "usage", "DUET_TRUSTED_PROXIES lists more than %d "
					       "addresses", CLIENTADDR_TRUST_MAX);
			if (parse_one(p, n, &t->addr[t->n].v6, t->addr[t->n].a) < 0)
				return err_set(e, 2, "usage", "DUET_TRUSTED_PROXIES: '%.*s' is not an "
					       "IP address", (int)(n > 60 ? 60 : n), p);
			t->n++;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int trusted_bin(const struct clientaddr_trust *t, int v6, const unsigned char a[16])
{
	for (size_t i = 0; i < t->n; i++)
		if (t->addr[i].v6 == v6 && !memcmp(t->addr[i].a, a, v6 ? 16 : 4))
			return 1;
	return 0;
}

int clientaddr_trusted(const struct clientaddr_trust *t, const char *addr)
{
	int v6;
	unsigned char a[16];
	return parse_one(addr, strlen(addr), &v6, a) == 0 && trusted_bin(t, v6, a);
}

/* Writes the canonical text of a[16] into out. */
static void to_text(int v6, const unsigned char *a, char out[CLIENTADDR_MAX])
{
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, a, out, CLIENTADDR_MAX))
		snprintf(out, CLIENTADDR_MAX, "unknown");
}

void clientaddr_pick(const struct clientaddr_trust *t, const char *peer, const char *xff,
		     char out[CLIENTADDR_MAX])
{
	snprintf(out, CLIENTADDR_MAX, "%s", peer);
	if (!xff || !clientaddr_trusted(t, peer))
		return;
	size_t end = strlen(xff);
	while (end > 0) {
		size_t start = end;
		while (start > 0 && xff[start - 1] != ',')
			start--;
		int v6;
		unsigned char a[16];
		if (parse_one(xff + start, end - start, &v6, a) < 0)
			return; /* garbage: keep the last trusted hop */
		to_text(v6, a, out);
		if (!trusted_bin(t, v6, a))
			return;
		end = start ? start - 1 : 0;
	}
}

void clientaddr_group(const char *addr, char out[CLIENTADDR_MAX])
{
	int v6;
	unsigned char a[16];
	if (parse_one(addr, strlen(addr), &v6, a) < 0) {
		snprintf(out, CLIENTADDR_MAX, "%s", addr);
		return;
	}
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (v6 && !memcmp(a, mapped, sizeof mapped)) {
		to_text(0, a + 12, out);
		return;
	}
	if (!v6) {
		to_text(0, a, out);
		return;
	}
	memset(a + 8, 0, 8);
	to_text(1, a, out);
	size_t n = strlen(out);
	snprintf(out + n, CLIENTADDR_MAX - n, "/64");
}
