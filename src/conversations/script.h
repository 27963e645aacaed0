/* script.h: the scripts of structured conversations and who may do what in
 * them. Pure, no I/O: the handlers load a conversation's state, ask
 * script_check() whether an action is allowed, and store what script_apply()
 * made of it.
 *
 * Three kinds, each a short list of steps in our own words:
 *  - weekly: the weekly meeting. Settle in, appreciations, one issue at a time
 *    (speaker and listener taking turns), then an agreement with a review day
 *    or a dream put on the table.
 *  - stress: the daily stress-reducing conversation, about stress from outside
 *    the relationship, taking turns, with no advice nobody asked for.
 *  - speaker_listener: the speaker has the floor and speaks for themselves,
 *    briefly; the listener says back what they heard without rebutting; then
 *    the floor passes.
 *
 * A step is either "together" (both at once, no floor to pass) or "turns"
 * (one person has the floor and speaks, the other listens). Invariants of a
 * state: 0 <= step < script_step_count(kind); holder and other are the two
 * partners (holder has the floor, in every step, so that the next turns step
 * starts with someone); break_until is 0 unless a break is on; nothing changes
 * once ended. A flooding break, offered by either partner, lasts at least
 * SCRIPT_BREAK_SECONDS; nothing but ending moves while it is on.
 */
#ifndef DUET_SCRIPT_H
#define DUET_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

#define SCRIPT_BREAK_SECONDS (20 * 60) /* the shortest flooding break */
#define SCRIPT_TOPIC_MAX 120           /* characters in a conversation's topic */

enum script_kind { SCRIPT_WEEKLY, SCRIPT_STRESS, SCRIPT_SPEAKER_LISTENER, SCRIPT_KINDS };

enum script_mode {
	SCRIPT_TOGETHER, /* both at once; the floor stays where it is */
	SCRIPT_TURNS,    /* the holder speaks, the other listens; the floor passes */
};

struct script_step {
	const char *slug;  /* "appreciations" */
	const char *title; /* "Appreciations" */
	enum script_mode mode;
	const char *both;     /* guidance for both (together steps; an aim for turns steps) */
	const char *speaker;  /* guidance for the holder (turns steps), else NULL */
	const char *listener; /* guidance for the other (turns steps), else NULL */
};

/* What a conversation can end with. */
enum script_outcome { SCRIPT_OUT_NONE, SCRIPT_OUT_AGREEMENT, SCRIPT_OUT_DREAM, SCRIPT_OUTCOMES };

enum script_act { SCRIPT_PASS, SCRIPT_NEXT, SCRIPT_BREAK, SCRIPT_RESUME, SCRIPT_END };

/* Why an action is refused; SCRIPT_OK when it is allowed. */
enum script_refusal {
	SCRIPT_OK = 0,
	SCRIPT_ENDED,          /* the conversation is over */
	SCRIPT_NOT_HOLDER,     /* only the holder passes the floor */
	SCRIPT_NO_FLOOR,       /* a together step has no floor to pass */
	SCRIPT_ON_BREAK,       /* a break is on; resume first */
	SCRIPT_BREAK_NOT_OVER, /* the break's time is not up */
	SCRIPT_NO_BREAK,       /* resuming without a break */
	SCRIPT_TURNS_FIRST,    /* each has not had the floor in this step yet */
	SCRIPT_LAST_STEP,      /* no step after the last; end instead */
	SCRIPT_NOT_YET,        /* an agreement or a dream only at the last step */
	SCRIPT_NOT_A_PARTNER,  /* the person is neither holder nor other */
};

struct script_state {
	enum script_kind kind;
	int step;
	int64_t holder;      /* the partner with the floor */
	int64_t other;       /* the other partner */
	int passes;          /* floor passes in this step */
	int shared;          /* 1: one shared screen, where either may pass the floor */
	int64_t break_until; /* unix seconds the break may end; 0 when none is on */
	int ended;
};

/* The kind named `slug` ("weekly", "stress", "speaker_listener"), or -1. */
int script_kind_parse(const char *slug);
const char *script_kind_slug(int kind);  /* NULL when out of range */
const char *script_kind_title(int kind); /* "The weekly meeting"; NULL when out of range */
const char *script_kind_about(int kind); /* one or two sentences; NULL when out of range */

/* Number of steps of a kind (0 when out of range), and step i (NULL when out of
 * range). Borrowed, static. */
int script_step_count(int kind);
const struct script_step *script_step(int kind, int i);

/* The outcome named `slug` ("none", "agreement", "dream"), or -1; and back. */
int script_outcome_parse(const char *slug);
const char *script_outcome_slug(int outcome);

/* A fresh state: step 0, `first` has the floor. */
struct script_state script_start(enum script_kind kind, int64_t first, int64_t second, int shared);

/* Whether person `who` may do `act` at time `now` (for SCRIPT_END, with
 * `outcome`; ignored otherwise). SCRIPT_OK or why not. */
enum script_refusal script_check(const struct script_state *s, enum script_act act, int64_t who,
                                 int64_t now, enum script_outcome outcome);

/* Does `act` (which script_check allowed) at `now`. */
void script_apply(struct script_state *s, enum script_act act, int64_t now);

/* The person's role now: "speaker", "listener" (turns steps) or "both"
 * (together steps, ended, on a break, or on a shared screen's together step). */
const char *script_role(const struct script_state *s, int64_t who);

/* Copies `tmpl` into out (cap bytes, always NUL-terminated when cap > 0),
 * replacing each "{other}" with `other`. Returns the length the whole text
 * needs (as snprintf does), so a result >= cap means it was cut short. */
size_t script_fill(char *out, size_t cap, const char *tmpl, const char *other);

#endif
