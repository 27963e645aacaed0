/* trust_share.c: what a counsellor sees of a couple's check-ins (see
 * trust_share.h): the numbers, never the appreciations. */
#include "trust_share.h"

#include "trust/checkin.h"
#include "trust/series.h"
#include "web/page.h"

int share_checkins(struct req *r, struct db *db, const struct share_couple *c, json_t **json)
{
	struct series s;
	if (series_load(r, db, c->id, c->n, c->ids, c->names, 0, SERIES_WEEKS_DEFAULT, &s) < 0)
		return -1;
	if (json) {
		int64_t from = s.now.week - (int64_t)(SERIES_WEEKS_DEFAULT - 1);
		json_t *people = json_array();
		for (size_t i = 0; i < s.np; i++) {
			json_t *list = json_array();
			for (size_t k = 0; k < s.p[i].n; k++)
				if (s.p[i].list[k].week >= from)
					json_array_append_new(list, checkin_json(r, &s.p[i].list[k],
					                                         s.rhythm,
					                                         s.now.week, 0));
			json_array_append_new(
			    people, json_pack("{s:s,s:o}", "name", s.p[i].name, "checkins", list));
		}
		*json = json_pack("{s:s,s:i,s:o}", "rhythm", period_rhythm_name(s.rhythm), "weeks",
		                  SERIES_WEEKS_DEFAULT, "people", people);
		return *json ? 0 : req_fail(r, 500, "no_memory", "out of memory");
	}
	h(r, "<section class=\"card\"><h2>Check-in trends</h2><p class=\"hint\">The last ");
	hf(r,
	   "%d weeks of check-ins, %s. The appreciations the partners write to each other are "
	   "not shared.</p>",
	   SERIES_WEEKS_DEFAULT, period_rhythm_words(s.rhythm));
	size_t before = r->out.len;
	if (series_charts(r, &s) < 0)
		return -1;
	if (r->out.len == before)
		h(r, "<p class=\"muted\">No check-ins in this time yet.</p>");
	h(r, "</section>");
	return 0;
}
