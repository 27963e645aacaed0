/* coach_json.c: building the JSON form of a coach result (see coach_json.h). */
#include "coach/coach_json.h"

static json_t *findings_json(const struct coach_result *r, const char *text)
{
	json_t *list = json_array();
	for (size_t i = 0; list && i < r->n_findings; i++) {
		const struct coach_finding *f = &r->findings[i];
		json_t *o = json_pack(
		    "{s:s, s:I, s:I, s:s%, s:s, s:s}", "kind", coach_kind_name(f->kind), "start",
		    (json_int_t)f->start, "end", (json_int_t)f->end, "excerpt", text + f->start,
		    f->end - f->start, "advice", f->advice, "rewrite", f->rewrite);
		if (!o || json_array_append_new(list, o) < 0) {
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

static json_t *apology_json(const struct coach_result *r)
{
	json_t *present = json_array(), *missing = json_array();
	int ok = present && missing;
	for (int k = 0; ok && k < COACH_COMPONENT_COUNT; k++) {
		json_t *list = (r->components & (1u << k)) ? present : missing;
		ok = json_array_append_new(list, json_string(coach_component_name(k))) == 0;
	}
	if (!ok) {
		json_decref(present);
		json_decref(missing);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "components", present, "missing", missing);
}

json_t *coach_result_json(const struct coach_result *r, const char *text)
{
	json_t *findings = findings_json(r, text);
	json_t *apology = !findings ? NULL : coach_apologises(r) ? apology_json(r) : json_null();
	if (!apology) {
		json_decref(findings);
		return NULL;
	}
	return json_pack("{s:o, s:o}", "findings", findings, "apology", apology);
}
