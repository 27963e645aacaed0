/* scope.c: the counsellor's sharing scopes (see scope.h). */
#include "scope.h"

#include <string.h>

static const struct {
	unsigned bit;
	const char *name;
	const char *label;
} scopes[SCOPE_COUNT] = {
    {SCOPE_CHECKINS, "checkins", "Check-in trends"},
    {SCOPE_AGREEMENTS, "agreements", "Agreements"},
    {SCOPE_REPAIR_PLANS, "repair_plans", "Repair plans"},
    {SCOPE_DIFFERENCE_MAP, "difference_map", "The difference map"},
};

const char *scope_name(unsigned bit)
{
	for (size_t i = 0; i < SCOPE_COUNT; i++)
		if (scopes[i].bit == bit)
			return scopes[i].name;
	return NULL;
}

const char *scope_label(unsigned bit)
{
	for (size_t i = 0; i < SCOPE_COUNT; i++)
		if (scopes[i].bit == bit)
			return scopes[i].label;
	return NULL;
}

unsigned scope_bit(const char *name)
{
	for (size_t i = 0; name && i < SCOPE_COUNT; i++)
		if (!strcmp(name, scopes[i].name))
			return scopes[i].bit;
	return 0;
}

unsigned scope_at(size_t i)
{
	return i < SCOPE_COUNT ? scopes[i].bit : 0;
}

int scope_parse(const char *const *names, size_t n, unsigned *out, struct err *e)
{
	unsigned set = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned bit = scope_bit(names[i]);
		if (!bit)
			return err_set(
			    e, 400, "invalid_scope",
			    "What can be shared is checkins, agreements, repair_plans and "
			    "difference_map; prompt answers and journal entries never are.");
		set |= bit;
	}
	if (!set)
		return err_set(e, 400, "no_scopes",
		               "Choose at least one thing to share, or end the sharing instead.");
	*out = set;
	return 0;
}

unsigned scope_shared(const struct scope_consent *c)
{
	if (!c->counsellor_joined || !c->approved[0] || !c->approved[1] || c->ended)
		return 0;
	return c->chosen[0] & c->chosen[1] & SCOPE_ALL;
}

int scope_allows(const struct scope_consent *c, unsigned bit)
{
	return scope_name(bit) != NULL && (scope_shared(c) & bit) == bit;
}
