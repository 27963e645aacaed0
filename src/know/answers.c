/* answers.c: views of a round of answers, list states, prompt ids (see answers.h). */
#include "answers.h"

#include <string.h>

#include "know/deck.h"

void answers_view(const struct answers_facts *f, struct answers_view *out)
{
	struct reveal_input mine = {REVEAL_AUTHOR, f->mine != 0, f->partner != 0};
	struct reveal_input theirs = {REVEAL_PARTNER, f->partner != 0, f->mine != 0};
	out->mine = reveal_view(&mine);
	out->partner = reveal_view(&theirs);
	out->thread = out->mine == REVEAL_FULL && out->partner == REVEAL_FULL;
	out->mark_seen = reveal_marks_seen(REVEAL_PARTNER, out->partner) && !f->partner_seen;
}

enum answers_state answers_state(const struct answers_facts *f)
{
	int n = (f->mine != 0) + (f->partner != 0);
	if (n == 2 || (n == 0 && f->talked))
		return ANSWERS_ANSWERED;
	return n == 1 ? ANSWERS_WAITING : ANSWERS_NEW;
}

static const char *const state_slugs[ANSWERS_STATES] = {"new", "waiting", "answered"};

const char *answers_state_slug(enum answers_state s)
{
	return (unsigned)s < ANSWERS_STATES ? state_slugs[s] : NULL;
}

int answers_state_parse(const char *slug)
{
	for (int s = 0; slug && s < ANSWERS_STATES; s++)
		if (!strcmp(slug, state_slugs[s]))
			return s;
	return -1;
}

int answers_id_valid(const char *id)
{
	size_t n = id ? strlen(id) : 0;
	if (n == 0 || n > DECK_ID_MAX || id[0] < 'a' || id[0] > 'z')
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

int64_t answers_own_number(const char *id)
{
	size_t pre = strlen(DECK_OWN_PREFIX);
	if (!id || strncmp(id, DECK_OWN_PREFIX, pre))
		return 0;
	const char *s = id + pre;
	size_t n = strlen(s);
	if (n == 0 || n > 15 || s[0] == '0')
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}
