/* session_memo.c: per-thread memo of session lookups (see session_memo.h). */
#include "session_memo.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 640 /* login, name, kind, partner's name and the wrapped key */

#define WAYS 4 /* entries per set; a set is picked by the session id */

struct entry {
	char sid[65]; /* "" when empty */
	uint64_t used;  /* when it was last put or got, in this thread's count */
	struct db_mark mark;
	int64_t expires_at;
	struct user u;
	int has_partner_name;
	/* the strings, each NUL-terminated, in this order */
	char text[TEXT_MAX];
};

static pthread_key_t table_key;
static _Thread_local uint64_t clock_now; /* this thread's count of puts and gets */
static pthread_once_t key_made = PTHREAD_ONCE_INIT;

static void table_free(void *t)
{
	free(t);
}

static void make_key(void)
{
	if (pthread_key_create(&table_key, table_free) != 0)
		table_key = 0;
}

/* This thread's table, made on first use; NULL when memory is short. */
static struct entry *table(int make)
{
	pthread_once(&key_made, make_key);
	struct entry *t = pthread_getspecific(table_key);
	if (!t && make) {
		t = calloc(SESSION_MEMO_SLOTS, sizeof *t);
		if (t && pthread_setspecific(table_key, t) != 0) {
			free(t);
			t = NULL;
		}
	}
	return t;
}

/* The first entry of sid's set. */
static struct entry *set_of(struct entry *t, const char *sid)
{
	uint32_t h = 2166136261u; /* FNV-1a over the id (itself a hash) */
	for (int i = 0; i < 16 && sid[i]; i++)
		h = (h ^ (unsigned char)sid[i]) * 16777619u;
	return &t[(h % (SESSION_MEMO_SLOTS / WAYS)) * WAYS];
}

/* sid's entry in its set, or NULL. */
static struct entry *find(struct entry *set, const char *sid)
{
	for (int w = 0; w < WAYS; w++)
		if (!strcmp(set[w].sid, sid))
			return &set[w];
	return NULL;
}

int session_memo_get(const char *sid, const struct db_mark *mark, int64_t now, struct arena *a,
		     struct user *u, const char **key_session)
{
	struct entry *t = table(0);
	if (!t)
		return 0;
	struct entry *s = find(set_of(t, sid), sid);
	if (!s || now >= s->expires_at || memcmp(&s->mark, mark, sizeof *mark) != 0)
		return 0;
	s->used = ++clock_now;
	const char *p = s->text, *str[5];
	for (int i = 0; i < 5; i++) {
		str[i] = p;
		p += strlen(p) + 1;
	}
	*u = s->u;
	u->login = arena_strdup(a, str[0]);
	u->name = arena_strdup(a, str[1]);
	u->kind = arena_strdup(a, str[2]);
	u->partner_name = s->has_partner_name ? arena_strdup(a, str[3]) : NULL;
	*key_session = arena_strdup(a, str[4]);
	if (!u->login || !u->name || !u->kind || !*key_session ||
	    (s->has_partner_name && !u->partner_name))
		return 0;
	return 1;
}

void session_memo_put(const char *sid, const struct db_mark *mark, int64_t expires_at,
		      const struct user *u, const char *key_session)
{
	const char *str[5] = { u->login, u->name, u->kind,
			       u->partner_name ? u->partner_name : "", key_session };
	size_t len[5], total = 0;
	for (int i = 0; i < 5; i++) {
		if (!str[i])
			return;
		len[i] = strlen(str[i]) + 1;
		total += len[i];
	}
	if (total > TEXT_MAX || strlen(sid) >= sizeof ((struct entry *)0)->sid)
		return;
	struct entry *t = table(1);
	if (!t)
		return;
	struct entry *set = set_of(t, sid), *s = find(set, sid);
	if (!s) { /* else an empty entry (never used: 0) or the least recently used */
		s = &set[0];
		for (int w = 1; w < WAYS; w++)
			if (set[w].used < s->used)
				s = &set[w];
	}
	memcpy(s->sid, sid, strlen(sid) + 1);
	s->used = ++clock_now;
	s->mark = *mark;
	s->expires_at = expires_at;
	s->u = *u;
	s->u.login = s->u.name = s->u.kind = s->u.partner_name = NULL;
	s->has_partner_name = u->partner_name != NULL;
	char *p = s->text;
	for (int i = 0; i < 5; i++) {
		memcpy(p, str[i], len[i]);
		p += len[i];
	}
}

void session_memo_thread_done(void)
{
	struct entry *t = table(0);
	if (t) {
		pthread_setspecific(table_key, NULL);
		free(t);
	}
}
