/* areas.c: the table of areas (web/area.h). Adding an area is one folder with
 * its descriptor and one line here. The order is the export's order
 * (docs/EXPORT.md); the menu and the home page have orders of their own, in
 * each descriptor. */
#include "app/areas.h"

const struct area *const areas[] = {
	&site_area,
	&account_area,
	&journal_area,
	&trust_area,
	&couple_area,
	&know_area,
	&dreams_area,
	&conversations_area,
	&agreements_area,
	&negotiate_area,
	&differences_area,
	&repair_area,
	&notice_area,
	&counsel_area,
	&coach_area,
	&ownership_area,
	&push_area,
};

const size_t areas_count = ARRAY_LEN(areas);
