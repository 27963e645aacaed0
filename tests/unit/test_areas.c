/* Unit tests for web/area and the table of areas (app/areas.c): the
 * invariants area_setup() checks hold for the real table, the menu and the home
 * cards come in their orders, every counsellor scope has its area, and each
 * lower-layer lookup finds what the descriptors say. */
#include "unit.h"

#include <string.h>

#include "app/areas.h"
#include "counsel/scope.h"
#include "web/area.h"

static int setup(void **state)
{
	(void)state;
	struct err e = { 0 };
	if (area_setup(&e) < 0) {
		fprintf(stderr, "area_setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	area_teardown();
	return 0;
}

static void routes_gathered_and_unique(void **state)
{
	(void)state;
	size_t n, want = 0;
	const struct route *t = area_routes(&n);
	for (size_t i = 0; i < areas_count; i++)
		want += areas[i]->nroutes;
	assert_int_equal(n, want);
	assert_true(n > 150);
	for (size_t i = 0; i < n; i++) {
		assert_non_null(t[i].fn);
		assert_true(t[i].pattern[0] == '/');
		for (size_t j = 0; j < i; j++)
			assert_false(t[i].method == t[j].method && !strcmp(t[i].pattern, t[j].pattern));
	}
}

static void menu_in_order(void **state)
{
	(void)state;
	/* the order a couple meets them: everyday areas, then the ones for harder
	 * moments, then the couple's and the person's own settings */
	static const char *const want[] = { "home",      "know",       "checkin",  "differences",
		                            "dreams",    "conversations", "repairs", "negotiate",
		                            "agreements", "trends",     "journal",  "coach",
		                            "counsellor", "counsellor", "couple",   "account" };
	size_t n;
	const struct area_menu *const *m = area_menu_items(&n);
	assert_int_equal(n, ARRAY_LEN(want));
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(m[i]->key, want[i]);
		if (i)
			assert_true(m[i - 1]->order < m[i]->order);
	}
}

static void home_cards_in_order(void **state)
{
	(void)state;
	static const char *const want[] = { "trust", "notice", "know", "negotiate", "repair" };
	size_t n;
	const struct area *const *cards = area_home_cards(&n);
	assert_int_equal(n, ARRAY_LEN(want));
	for (size_t i = 0; i < n; i++)
		assert_string_equal(cards[i]->name, want[i]);
}

static void who_sees_what(void **state)
{
	(void)state;
	struct user alone = { .kind = "partner" }, pair = { .kind = "partner", .partner_id = 7 },
		    counsellor = { .kind = "counsellor" };
	assert_true(area_who_sees(&alone, AREA_ANYONE));
	assert_true(area_who_sees(&alone, AREA_PARTNER));
	assert_false(area_who_sees(&alone, AREA_PAIR));
	assert_true(area_who_sees(&pair, AREA_PAIR));
	assert_false(area_who_sees(&pair, AREA_COUNSELLOR));
	assert_true(area_who_sees(&counsellor, AREA_COUNSELLOR));
	assert_false(area_who_sees(&counsellor, AREA_PARTNER));
	assert_false(area_who_sees(&counsellor, AREA_PAIR));
}

static void every_scope_is_served(void **state)
{
	(void)state;
	unsigned scopes[] = { SCOPE_CHECKINS, SCOPE_AGREEMENTS, SCOPE_REPAIR_PLANS,
		              SCOPE_DIFFERENCE_MAP };
	for (size_t i = 0; i < ARRAY_LEN(scopes); i++)
		assert_non_null(area_share_for(scopes[i]));
	assert_null(area_share_for(1u << 30));
}

static void event_kinds_belong_to_one_area(void **state)
{
	(void)state;
	assert_string_equal(area_of_event("prompt")->name, "know");
	assert_string_equal(area_of_event("dream")->name, "dreams");
	assert_string_equal(area_of_event("checkin")->name, "trust");
	assert_null(area_of_event("nothing"));
}

static void event_kinds_map_to_the_scopes_their_area_offers(void **state)
{
	(void)state;
	assert_int_equal(area_event_scopes("checkin"), SCOPE_CHECKINS);
	assert_int_equal(area_event_scopes("agreement"), SCOPE_AGREEMENTS);
	assert_int_equal(area_event_scopes("repair"), SCOPE_REPAIR_PLANS);
	assert_int_equal(area_event_scopes("difference"), SCOPE_DIFFERENCE_MAP);
	/* never shareable: answers, dreams, negotiations, the couple itself */
	assert_int_equal(area_event_scopes("prompt"), 0);
	assert_int_equal(area_event_scopes("dream"), 0);
	assert_int_equal(area_event_scopes("negotiation"), 0);
	assert_int_equal(area_event_scopes("couple"), 0);
	assert_int_equal(area_event_scopes("nothing"), 0);
}

static void export_order_is_the_documented_one(void **state)
{
	(void)state;
	/* docs/EXPORT.md: the person's own parts first, then the couple's. */
	static const char *const want[] = { "account", "journal",    "trust",     "couple",
		                            "know",    "dreams",     "conversations", "agreements", "negotiate",
		                            "differences", "repair", "push" };
	size_t k = 0;
	for (size_t i = 0; i < areas_count; i++) {
		if (!areas[i]->export)
			continue;
		assert_true(k < ARRAY_LEN(want));
		assert_string_equal(areas[i]->name, want[k]);
		k++;
	}
	assert_int_equal(k, ARRAY_LEN(want));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(routes_gathered_and_unique),
		cmocka_unit_test(menu_in_order),
		cmocka_unit_test(home_cards_in_order),
		cmocka_unit_test(who_sees_what),
		cmocka_unit_test(every_scope_is_served),
		cmocka_unit_test(event_kinds_belong_to_one_area),
		cmocka_unit_test(event_kinds_map_to_the_scopes_their_area_offers),
		cmocka_unit_test(export_order_is_the_documented_one),
	};
	return cmocka_run_group_tests_name("areas", tests, setup, teardown);
}
