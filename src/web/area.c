/* area.c: the tables made from the areas' descriptors (see area.h). */
#include "util/i18n.h"
#include "area.h"

#include <stdlib.h>
#include <string.h>

static struct route *route_table;
static size_t route_n;
static const struct area_menu **menu_items;
static size_t menu_n;
static const struct area **home_cards;
static size_t home_n;

static int by_menu_order(const void *a, const void *b)
{
	const struct area_menu *x = *(const struct area_menu *const *)a;
	const struct area_menu *y = *(const struct area_menu *const *)b;
	return (x->order > y->order) - (x->order < y->order);
}

static int by_home_order(const void *a, const void *b)
{
	const struct area *x = *(const struct area *const *)a;
	const struct area *y = *(const struct area *const *)b;
	return (x->home.order > y->home.order) - (x->home.order < y->home.order);
}

/* The invariants of area.h that are not about allocation. */
static int check_areas(struct err *e)
{
	for (size_t i = 0; i < areas_count; i++) {
		const struct area *a = areas[i];
		if (!a->name || !a->name[0])
			return err_set(e, 500, "area", "area %zu has no name", i);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(areas[j]->name, a->name))
				return err_set(e, 500, "area", "two areas are named \"%s\"", a->name);
		for (const char *const *k = a->events; k && *k; k++) {
			const struct area *owner = area_of_event(*k);
			if (owner != a)
				return err_set(e, 500, "area",
				               "the event kind \"%s\" belongs to both \"%s\" and \"%s\"", *k,
				               owner->name, a->name);
		}
	}
	if (menu_n > AREA_MENU_MAX)
		return err_set(e, 500, "area", "%zu menu entries, more than the %d the menu holds",
		               menu_n, AREA_MENU_MAX);
	for (size_t i = 0; i < route_n; i++)
		for (size_t j = 0; j < i; j++)
			if (route_table[i].method == route_table[j].method &&
			    !strcmp(route_table[i].pattern, route_table[j].pattern))
				return err_set(e, 500, "area", "the route %s is listed twice",
				               route_table[i].pattern);
	return 0;
}

int area_setup(struct err *e)
{
	area_teardown();
	size_t nr = 0, nm = 0, nh = 0;
	for (size_t i = 0; i < areas_count; i++) {
		nr += areas[i]->nroutes;
		nm += areas[i]->nmenu;
		nh += areas[i]->home.card != NULL;
	}
	route_table = calloc(nr ? nr : 1, sizeof *route_table);
	menu_items = calloc(nm ? nm : 1, sizeof *menu_items);
	home_cards = calloc(nh ? nh : 1, sizeof *home_cards);
	if (!route_table || !menu_items || !home_cards) {
		area_teardown();
		return err_set(e, 500, "no_memory", "out of memory");
	}
	for (size_t i = 0; i < areas_count; i++) {
		const struct area *a = areas[i];
		for (size_t k = 0; k < a->nroutes; k++)
			route_table[route_n++] = a->routes[k];
		for (size_t k = 0; k < a->nmenu; k++)
			menu_items[menu_n++] = &a->menu[k];
		if (a->home.card)
			home_cards[home_n++] = a;
	}
	/* qsort is not stable: orders are distinct by convention, ties keep no
	 * promise. */
	qsort(menu_items, menu_n, sizeof *menu_items, by_menu_order);
	qsort(home_cards, home_n, sizeof *home_cards, by_home_order);
	if (check_areas(e) < 0) {
		area_teardown();
		return -1;
	}
	return 0;
}

int area_load(struct err *e)
{
	/* duet's own words first: the areas' data may be checked against them. */
	if (i18n_load(NULL, e) < 0)
		return -1;
	for (size_t i = 0; i < areas_count; i++)
		if (areas[i]->setup && areas[i]->setup(e) < 0)
			return -1;
	return 0;
}

void area_unload(void)
{
	i18n_unload();
	for (size_t i = 0; i < areas_count; i++)
		if (areas[i]->unload)
			areas[i]->unload();
}

void area_teardown(void)
{
	free(route_table);
	free(menu_items);
	free(home_cards);
	route_table = NULL;
	menu_items = NULL;
	home_cards = NULL;
	route_n = menu_n = home_n = 0;
}

const struct route *area_routes(size_t *n)
{
	*n = route_n;
	return route_table;
}

const struct area_menu *const *area_menu_items(size_t *n)
{
	*n = menu_n;
	return menu_items;
}

const struct area *const *area_home_cards(size_t *n)
{
	*n = home_n;
	return home_cards;
}

int area_who_sees(const struct user *u, enum area_who who)
{
	int counsellor = !strcmp(u->kind, "counsellor");
	switch (who) {
	case AREA_ANYONE: return 1;
	case AREA_PAIR: return !counsellor && u->partner_id != 0;
	case AREA_PARTNER: return !counsellor;
	case AREA_COUNSELLOR: return counsellor;
	}
	return 0;
}

share_fn area_share_for(unsigned scope)
{
	for (size_t i = 0; i < areas_count; i++)
		for (size_t k = 0; k < areas[i]->nshares; k++)
			if (areas[i]->shares[k].scope == scope)
				return areas[i]->shares[k].fn;
	return NULL;
}

unsigned area_event_scopes(const char *kind)
{
	const struct area *a = area_of_event(kind);
	unsigned set = 0;
	for (size_t k = 0; a && k < a->nshares; k++)
		set |= a->shares[k].scope;
	return set;
}

const struct area *area_of_event(const char *kind)
{
	for (size_t i = 0; i < areas_count; i++)
		for (const char *const *k = areas[i]->events; k && *k; k++)
			if (!strcmp(*k, kind))
				return areas[i];
	return NULL;
}

int area_event_known(const char *kind)
{
	return area_of_event(kind) != NULL;
}
