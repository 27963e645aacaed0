/* dream.h: the words of the dream table: the kinds of thing a partner puts
 * out (an idea, a dream, a desire), the statuses both partners move it through,
 * and the curious questions duet offers to ask about it. Pure, no I/O.
 *
 * The questions are our own wording and invite the other to tell more; they
 * never advise, judge or weigh a dream.
 */
#ifndef DUET_DREAM_H
#define DUET_DREAM_H

#include <stddef.h>

#define DREAM_TITLE_MAX 120 /* characters in a title */
#define DREAM_TEXT_MAX 4000 /* characters in a dream's text or a reply */

enum dream_kind { DREAM_IDEA, DREAM_DREAM, DREAM_DESIRE, DREAM_KINDS };

enum dream_status {
	DREAM_NEW,
	DREAM_EXPLORING,
	DREAM_PLANNING,
	DREAM_LIVING_IT,
	DREAM_SET_ASIDE,
	DREAM_STATUSES /* count, not a status */
};

/* The kind named `slug` ("idea", "dream", "desire"), or -1. */
int dream_kind_parse(const char *slug);

/* "idea", "dream", "desire"; NULL when out of range. */
const char *dream_kind_slug(int kind);

/* "An idea", "A dream", "A desire"; NULL when out of range. */
const char *dream_kind_title(int kind);

/* The status named `slug` ("new", "exploring", "planning", "living_it",
 * "set_aside"), or -1. */
int dream_status_parse(const char *slug);

/* The status's slug; NULL when out of range. */
const char *dream_status_slug(int status);

/* "New", "Exploring", "Planning", "Living it", "Set aside"; NULL when out of range. */
const char *dream_status_title(int status);

/* Number of curious questions. */
size_t dream_question_count(void);

/* The i-th curious question, or NULL when i is out of range. */
const char *dream_question(size_t i);

#endif
