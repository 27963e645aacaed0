/* script.c: the steps of each conversation and its rules (see script.h).
 * The words are our own; docs/internals/conversations.md says where the shapes
 * come from. */
#include "script.h"

#include "util/i18n.h"

#include <string.h>

#include "util/common.h"

static const char *const kind_slugs[SCRIPT_KINDS] = {"weekly", "stress", "speaker_listener"};
static const char *const kind_titles[SCRIPT_KINDS] = {
    N_("The weekly meeting"), N_("The stress-reducing conversation"), N_("Speaker and listener")};
static const char *const kind_about[SCRIPT_KINDS] = {
    N_("An hour a week to look after the two of you: appreciations first, then one issue at a "
    "time, taking turns, and an agreement or a dream to end on."),
    N_("Twenty minutes at the end of a day about stress from outside the two of you: work, "
    "family, the world. One talks, one listens and takes the other's side; then you swap."),
    N_("For a topic that matters: one of you has the floor and speaks for yourself; the other "
    "says back what they heard, without arguing. Then the floor passes."),
};

static const char *const outcome_slugs[SCRIPT_OUTCOMES] = {"none", "agreement", "dream"};

static const struct script_step weekly[] = {
    {"settle", N_("Settle in"), SCRIPT_TOGETHER,
     N_("Find a quiet spot and put other things aside. Agree how long you have; an hour is "
     "plenty. Either of you can ask for a break at any time."),
     NULL, NULL},
    {"appreciations", N_("Appreciations"), SCRIPT_TURNS,
     N_("Each of you names a few things you valued in the other this week."),
     N_("Tell {other} three things you appreciated this week, each with its moment: \"When you "
     "…, I felt …\". Small things count most."),
     N_("Take it in. There is no need to answer each one or wave it away; a thank you is "
     "enough.")},
    {"issue", N_("One issue"), SCRIPT_TURNS,
     N_("One issue at a time, speaker and listener taking turns, until both of you feel "
     "understood."),
     N_("Choose one thing that is on your mind, only one. Start gently: what happened, how you "
     "felt, what you need, without blame (\"I felt alone on Sunday; I'd love us to plan an "
     "evening together\"). A few sentences, then pause so {other} can say back what they "
     "heard."),
     N_("Listen to understand, not to answer. When {other} pauses, say back in your own words "
     "what you heard and what makes sense to you in it. Your view comes when the floor is "
     "yours.")},
    {"decide", N_("Agree, or dream"), SCRIPT_TOGETHER,
     N_("Settle on one small, concrete thing to try, and a day to look at it again. If the "
     "issue runs deeper than one step, put it on the dream table to explore together, "
     "without deciding now."),
     NULL, NULL},
};

static const struct script_step stress[] = {
    {"settle", N_("Settle in"), SCRIPT_TOGETHER,
     N_("Sit together for about twenty minutes. This talk is about stress from outside the two "
     "of you, not about each other. One talks, one listens; then you swap."),
     NULL, NULL},
    {"turns", N_("Taking turns"), SCRIPT_TURNS,
     N_("Each of you gets a turn to talk about the day's stress while the other listens."),
     N_("Tell {other} what is weighing on you today: what happened, how it felt, what you are "
     "worried about. Say whether you would like ideas or only to be heard."),
     N_("Be on {other}'s side. Show interest, ask questions, say what makes sense (\"No wonder "
     "you're worn out\"). Hold back advice unless {other} asks for it, and don't take the "
     "other people's side.")},
    {"close", N_("Closing"), SCRIPT_TOGETHER,
     N_("Each of you says one thing that would make tomorrow a little easier, and how the other "
     "could help. A hug or a cup of tea is a fine ending."),
     NULL, NULL},
};

static const struct script_step speaker_listener[] = {
    {"topic", N_("Choose the topic"), SCRIPT_TOGETHER,
     N_("Agree on one topic. This is for understanding each other, not for solving it yet; "
     "solutions can come later."),
     NULL, NULL},
    {"floor", N_("The floor"), SCRIPT_TURNS,
     N_("The speaker has the floor; the listener says back what they heard. Then the floor "
     "passes."),
     N_("You have the floor. Speak for yourself: your feelings, thoughts and needs (\"I feel…\", "
     "\"I think…\"), not what {other} feels. A few sentences at a time, then pause so {other} "
     "can say back what they heard. Pass the floor when you feel understood."),
     N_("Listen to {other}, then say back in your own words what you heard, without adding "
     "your view or a rebuttal, and ask whether you got it right. Your turn comes when the "
     "floor passes.")},
    {"close", N_("Wrap up"), SCRIPT_TOGETHER,
     N_("Thank each other for listening. If something became clear, you can make it an "
     "agreement or put it on the dream table; or simply stop here."),
     NULL, NULL},
};

static const struct {
	const struct script_step *steps;
	int n;
} scripts[SCRIPT_KINDS] = {
    {weekly, (int)ARRAY_LEN(weekly)},
    {stress, (int)ARRAY_LEN(stress)},
    {speaker_listener, (int)ARRAY_LEN(speaker_listener)},
};

static int find(const char *const *list, int n, const char *slug)
{
	for (int i = 0; slug && i < n; i++)
		if (!strcmp(slug, list[i]))
			return i;
	return -1;
}

int script_kind_parse(const char *slug)
{
	return find(kind_slugs, SCRIPT_KINDS, slug);
}

const char *script_kind_slug(int kind)
{
	return kind >= 0 && kind < SCRIPT_KINDS ? kind_slugs[kind] : NULL;
}

const char *script_kind_title(int kind)
{
	return kind >= 0 && kind < SCRIPT_KINDS ? _(kind_titles[kind]) : NULL;
}

const char *script_kind_about(int kind)
{
	return kind >= 0 && kind < SCRIPT_KINDS ? _(kind_about[kind]) : NULL;
}

int script_step_count(int kind)
{
	return kind >= 0 && kind < SCRIPT_KINDS ? scripts[kind].n : 0;
}

const struct script_step *script_step(int kind, int i)
{
	return i >= 0 && i < script_step_count(kind) ? &scripts[kind].steps[i] : NULL;
}

int script_outcome_parse(const char *slug)
{
	return find(outcome_slugs, SCRIPT_OUTCOMES, slug);
}

const char *script_outcome_slug(int outcome)
{
	return outcome >= 0 && outcome < SCRIPT_OUTCOMES ? outcome_slugs[outcome] : NULL;
}

struct script_state script_start(enum script_kind kind, int64_t first, int64_t second, int shared)
{
	struct script_state s = {
	    .kind = kind, .holder = first, .other = second, .shared = !!shared};
	return s;
}

static int is_turns(const struct script_state *s)
{
	const struct script_step *st = script_step(s->kind, s->step);
	return st && st->mode == SCRIPT_TURNS;
}

enum script_refusal script_check(const struct script_state *s, enum script_act act, int64_t who,
                                 int64_t now, enum script_outcome outcome)
{
	if (who != s->holder && who != s->other)
		return SCRIPT_NOT_A_PARTNER;
	if (s->ended)
		return SCRIPT_ENDED;
	int on_break = s->break_until != 0;
	switch (act) {
	case SCRIPT_PASS:
		if (on_break)
			return SCRIPT_ON_BREAK;
		if (!is_turns(s))
			return SCRIPT_NO_FLOOR;
		return who == s->holder || s->shared ? SCRIPT_OK : SCRIPT_NOT_HOLDER;
	case SCRIPT_NEXT:
		if (on_break)
			return SCRIPT_ON_BREAK;
		if (s->step + 1 >= script_step_count(s->kind))
			return SCRIPT_LAST_STEP;
		return is_turns(s) && s->passes < 1 ? SCRIPT_TURNS_FIRST : SCRIPT_OK;
	case SCRIPT_BREAK:
		return on_break ? SCRIPT_ON_BREAK : SCRIPT_OK;
	case SCRIPT_RESUME:
		if (!on_break)
			return SCRIPT_NO_BREAK;
		return now >= s->break_until ? SCRIPT_OK : SCRIPT_BREAK_NOT_OVER;
	case SCRIPT_END:
		if (outcome == SCRIPT_OUT_NONE)
			return SCRIPT_OK; /* stopping for today is always fine */
		if (on_break)
			return SCRIPT_ON_BREAK;
		return s->step + 1 == script_step_count(s->kind) ? SCRIPT_OK : SCRIPT_NOT_YET;
	}
	return SCRIPT_NOT_YET;
}

void script_apply(struct script_state *s, enum script_act act, int64_t now)
{
	int64_t t;
	switch (act) {
	case SCRIPT_PASS:
		t = s->holder;
		s->holder = s->other;
		s->other = t;
		s->passes++;
		break;
	case SCRIPT_NEXT:
		s->step++;
		s->passes = 0;
		break;
	case SCRIPT_BREAK:
		s->break_until = now + SCRIPT_BREAK_SECONDS;
		break;
	case SCRIPT_RESUME:
		s->break_until = 0;
		break;
	case SCRIPT_END:
		s->ended = 1;
		s->break_until = 0;
		break;
	}
}

const char *script_role(const struct script_state *s, int64_t who)
{
	if (s->ended || s->break_until || !is_turns(s))
		return "both";
	return who == s->holder ? "speaker" : "listener";
}

size_t script_fill(char *out, size_t cap, const char *tmpl, const char *other)
{
	static const char key[] = "{other}";
	size_t n = 0, olen = strlen(other);
	for (const char *p = tmpl; *p;) {
		const char *piece = p;
		size_t len = 1;
		if (!strncmp(p, key, sizeof key - 1)) {
			piece = other;
			len = olen;
			p += sizeof key - 1;
		} else {
			p++;
		}
		for (size_t i = 0; i < len; i++, n++)
			if (cap && n < cap - 1)
				out[n] = piece[i];
	}
	if (cap)
		out[n < cap ? n : cap - 1] = '\0';
	return n;
}
