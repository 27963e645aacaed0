/* repair_share.c: the repair_plans scope for a counsellor (see repair_share.h).
 *
 * For each repair, each partner's plan ("one thing I will do", "one thing I ask
 * of the other") is shown only when lib/reveal.h lets a counsellor see it, that
 * is once both partners have written theirs. Reflections, apologies and
 * responses are never shared. */
#include "repair_share.h"

#include "util/i18n.h"

#include "lib/reveal.h"
#include "repair_store.h"
#include "util/timefmt.h"
#include "web/page.h"

#define SHARED_REPAIRS_MAX 200

/* One repair's plans, by member (the order of share_couple.ids). */
struct shared {
	struct repair_row row;
	const char *mine[2], *partners[2];
};

struct collect {
	struct req *r;
	const struct share_couple *c;
	struct shared *list;
	size_t n;
};

static void note_plan(void *ctx, int64_t repair_id, int64_t user_id, const char *mine,
                      const char *partners)
{
	struct collect *k = ctx;
	for (size_t i = 0; i < k->n; i++)
		for (size_t m = 0; m < k->c->n && m < 2; m++)
			if (k->list[i].row.id == repair_id && k->c->ids[m] == user_id) {
				k->list[i].mine[m] = arena_strdup(&k->r->arena, mine);
				k->list[i].partners[m] = arena_strdup(&k->r->arena, partners);
			}
}

/* Whether member m's plan may be shown to a counsellor. */
static int visible(const struct shared *s, size_t m)
{
	struct reveal_input in = {REVEAL_COUNSELLOR, s->mine[m] != NULL, s->mine[1 - m] != NULL};
	return reveal_view(&in) == REVEAL_FULL;
}

static json_t *plans_json(struct req *r, const struct share_couple *c, const struct shared *list,
                          size_t n)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++) {
		if (!visible(&list[i], 0))
			continue;
		json_t *plans = json_array();
		for (size_t m = 0; m < 2; m++)
			json_array_append_new(plans, json_pack("{s:s,s:s,s:s}", "name", c->names[m],
			                                       "mine", list[i].mine[m], "partners",
			                                       list[i].partners[m]));
		json_array_append_new(
		    arr, json_pack("{s:s,s:s,s:o}", "title", list[i].row.title, "happened_on",
		                   time_day(&r->arena, list[i].row.happened_on), "plans", plans));
	}
	return json_pack("{s:o}", "repairs", arr);
}

static void plans_html(struct req *r, const struct share_couple *c, const struct shared *list,
                       size_t n)
{
	size_t shown = 0;
	h(r, "<section class=\"card\"><h2>Repair plans</h2><p class=\"hint\">What each partner "
	     "said they will do next time, and asked of the other, after working through a "
	     "hurt together. What they wrote before the plan stays between them.</p>");
	for (size_t i = 0; i < n; i++) {
		if (!visible(&list[i], 0))
			continue;
		if (!shown++)
			h(r, "<ul class=\"items\">");
		h(r, "<li class=\"item\"><p><strong>");
		ht(r, list[i].row.title);
		h(r, "</strong> <span class=\"hint\">");
		ht(r, time_human(&r->arena, list[i].row.happened_on));
		h(r, "</span></p><dl class=\"entry\">");
		for (size_t m = 0; m < 2; m++) {
			h(r, "<dt>");
			ht(r, c->names[m]);
			h(r, " will</dt><dd>");
			ht(r, list[i].mine[m]);
			h(r, "</dd>");
			if (*list[i].partners[m]) {
				h(r, "<dt>");
				ht(r, c->names[m]);
				h(r, " asks</dt><dd>");
				ht(r, list[i].partners[m]);
				h(r, "</dd>");
			}
		}
		h(r, "</dl></li>");
	}
	h(r, shown ? "</ul></section>"
	           : N_("<p class=\"muted\">No repair has reached its plan yet.</p></section>"));
}

int share_repair_plans(struct req *r, struct db *db, const struct share_couple *c, json_t **json)
{
	struct repair_row *rows;
	size_t n;
	if (repair_list(db, &r->arena, c->id, SHARED_REPAIRS_MAX, &rows, &n, &r->err) < 0)
		return -1;
	struct shared *list = arena_calloc(&r->arena, n ? n : 1, sizeof *list);
	if (!list)
		return req_fail(r, 500, "no_memory", "out of memory");
	for (size_t i = 0; i < n; i++)
		list[i].row = rows[i];
	struct collect k = {r, c, list, n};
	if (c->n != 2) /* a couple of one has no plans to share */
		k.n = 0;
	if (repair_plans_written(db, c->id, note_plan, &k, &r->err) < 0)
		return -1;
	if (json) {
		*json = plans_json(r, c, list, k.n);
		return *json ? 0 : req_fail(r, 500, "no_memory", "out of memory");
	}
	plans_html(r, c, list, k.n);
	return 0;
}
