/* dream.c: kinds, statuses and curious questions of the dream table (see dream.h). */
#include "dream.h"

#include "util/i18n.h"

#include <string.h>

#include "util/common.h"

static const char *const kind_slugs[DREAM_KINDS] = {"idea", "dream", "desire"};
static const char *const kind_titles[DREAM_KINDS] = {N_("An idea"), N_("A dream"), N_("A desire")};

static const char *const status_slugs[DREAM_STATUSES] = {"new", "exploring", "planning",
                                                         "living_it", "set_aside"};
static const char *const status_titles[DREAM_STATUSES] = {N_("New"), N_("Exploring"), N_("Planning"),
                                                          N_("Living it"), N_("Set aside")};

static const char *const questions[] = {
    N_("What does this mean to you?"),
    N_("Where does it come from? When did you first feel it?"),
    N_("What would it feel like to be living it?"),
    N_("What would a first small step look like?"),
    N_("Which part of it would you like us to share?"),
    N_("What would you like from me while we explore it?"),
    N_("What, if anything, made it hard to say out loud?"),
};

static int find(const char *const *list, int n, const char *slug)
{
	for (int i = 0; slug && i < n; i++)
		if (!strcmp(slug, list[i]))
			return i;
	return -1;
}

int dream_kind_parse(const char *slug)
{
	return find(kind_slugs, DREAM_KINDS, slug);
}

const char *dream_kind_slug(int kind)
{
	return (unsigned)kind < DREAM_KINDS ? kind_slugs[kind] : NULL;
}

const char *dream_kind_title(int kind)
{
	return (unsigned)kind < DREAM_KINDS ? _(kind_titles[kind]) : NULL;
}

int dream_status_parse(const char *slug)
{
	return find(status_slugs, DREAM_STATUSES, slug);
}

const char *dream_status_slug(int status)
{
	return (unsigned)status < DREAM_STATUSES ? status_slugs[status] : NULL;
}

const char *dream_status_title(int status)
{
	return (unsigned)status < DREAM_STATUSES ? _(status_titles[status]) : NULL;
}

size_t dream_question_count(void)
{
	return ARRAY_LEN(questions);
}

const char *dream_question(size_t i)
{
	return i < ARRAY_LEN(questions) ? _(questions[i]) : NULL;
}
