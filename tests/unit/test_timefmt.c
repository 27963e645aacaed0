/* Unit tests for util/timefmt: moments in the reader's zone, dates that never
 * shift a day, and which zone names are accepted. */
#include "unit.h"

#include "util/timefmt.h"

/* Tuesday 2 December 2025, 23:30 UTC. */
#define LATE 1764718200

static void moments_follow_the_zone_dates_do_not(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a, 0);
	time_zone_use(NULL);
	assert_string_equal(time_when(&a, LATE), "Tuesday 2 December");
	time_zone_use("Asia/Tokyo");
	assert_string_equal(time_when(&a, LATE), "Wednesday 3 December");
	/* a date is stored as 00:00 UTC of its day: never the day before in America */
	time_zone_use("America/Los_Angeles");
	assert_string_equal(time_when(&a, LATE), "Tuesday 2 December");
	assert_string_equal(time_human(&a, 1764633600), "Tuesday 2 December");
	assert_string_equal(time_day(&a, 1764633600), "2025-12-02");
	assert_string_equal(time_iso(&a, LATE), "2025-12-02T23:30:00Z");
	time_zone_use("UTC");
	assert_string_equal(time_when(&a, LATE), "Tuesday 2 December");
	time_zone_use(NULL);
	arena_release(&a);
}

static void knows_real_zones_only(void **state)
{
	(void)state;
	assert_true(time_zone_known("Europe/Paris"));
	assert_true(time_zone_known("America/Argentina/Buenos_Aires"));
	assert_true(time_zone_known("UTC"));
	assert_false(time_zone_known(""));
	assert_false(time_zone_known("Europe"));          /* a folder */
	assert_false(time_zone_known("Mars/Olympus"));
	assert_false(time_zone_known("../../etc/passwd"));
	assert_false(time_zone_known("/etc/localtime"));
	assert_false(time_zone_known("Europe/Paris "));
	assert_false(time_zone_known("zone.tab"));        /* in the folder, not a zone */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(moments_follow_the_zone_dates_do_not),
		cmocka_unit_test(knows_real_zones_only),
	};
	return cmocka_run_group_tests_name("timefmt", tests, NULL, NULL);
}
