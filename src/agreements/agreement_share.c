/* agreement_share.c: what a counsellor sees of a couple's agreements (see
 * agreement_share.h). */
#include "agreement_share.h"

#include "agreements/agreement_store.h"
#include "trust/series.h"
#include "util/timefmt.h"
#include "web/page.h"

#define SHARED_AGREEMENTS_MAX 200

static const char *doer_name(const struct share_couple *c, const struct agreement *g)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->ids[i] == g->doer_id)
			return c->names[i];
	return NULL;
}

int share_agreements(struct req *r, struct db *db, const struct share_couple *c, json_t **json)
{
	struct agreement *list;
	size_t n;
	struct series_month months[SERIES_MONTHS];
	if (agreement_list(db, &r->arena, c->id, 0, SHARED_AGREEMENTS_MAX, &list, &n, &r->err) < 0 ||
	    series_months(r, db, c->id, months) < 0)
		return -1;
	if (json) {
		json_t *arr = json_array(), *ms = json_array();
		for (size_t i = 0; i < n; i++) {
			const char *who = doer_name(c, &list[i]);
			json_array_append_new(
			    arr, json_pack("{s:s,s:b,s:o,s:s,s:s,s:s}", "text", list[i].text,
			                   "both_do", list[i].both_do, "doer",
			                   who && !list[i].both_do ? json_string(who) : json_null(),
			                   "status", list[i].status, "review_on",
			                   time_day(&r->arena, list[i].review_on), "source",
			                   list[i].source));
		}
		for (int i = 0; i < SERIES_MONTHS; i++)
			json_array_append_new(
			    ms, json_pack("{s:s,s:i,s:i}", "month", months[i].long_label, "kept",
			                  months[i].kept, "missed", months[i].missed));
		*json = json_pack("{s:o,s:o}", "agreements", arr, "months", ms);
		return *json ? 0 : req_fail(r, 500, "no_memory", "out of memory");
	}
	h(r, "<section class=\"card\"><h2>Agreements</h2>");
	if (series_bars(r, months) < 0)
		return -1;
	if (!n)
		h(r, "<p class=\"muted\">No agreements yet.</p>");
	else
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		const char *who = doer_name(c, &list[i]);
		h(r, "<li class=\"item\"><p class=\"item-text\">");
		ht(r, list[i].text);
		h(r, "</p><p class=\"hint\">");
		if (list[i].both_do)
			h(r, "Both");
		else if (!who)
			h(r, "A former partner");
		else
			ht(r, who);
		h(r, " · review ");
		ht(r, time_human(&r->arena, list[i].review_on));
		h(r, " · ");
		ht(r, list[i].status);
		h(r, "</p></li>");
	}
	if (n)
		h(r, "</ul>");
	h(r, "</section>");
	return 0;
}
