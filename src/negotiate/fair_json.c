/* fair_json.c: JSON requests and responses of the negotiation methods (see
 * fair_json.h). Shape and type errors are reported here; the rules on values
 * (ranges, sums, names) belong to negotiate/fair. */
#include "fair_json.h"

#include <string.h>

#include "util/utf8.h"

struct entry_kind {
	const char *key;   /* "items" */
	const char *noun;  /* "issue" */
	const char *what;  /* "points" */
	const char *hint;  /* what the list should hold */
	long long max;     /* largest value */
	int (*check_count)(size_t n, struct err *e);
};

static const struct entry_kind issues = {
	"items", "issue", "points", "list the issues, each with a name and both partners' points",
	AW_POINTS, aw_check_count,
};

static const struct entry_kind options = {
	"options", "option", "rating",
	"list the options, each with a name and both partners' ratings", NASH_RATING_MAX,
	nash_check_count,
};

static const char *type_word(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "a list";
	case JSON_STRING:
		return "text";
	case JSON_TRUE:
		return "true";
	case JSON_FALSE:
		return "false";
	case JSON_NULL:
		return "null";
	default:
		return "a number";
	}
}

/* obj[key] as a whole number into *out; the range is negotiate/fair's to check. */
static int read_whole(const json_t *obj, const char *key, const char *where, const char *what,
		      long long max, long long *out, struct err *e)
{
	const json_t *v = json_object_get(obj, key);
	const char *sep = where ? ": " : "";
	where = where ? where : "";
	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	if (!v)
		return err_set(e, 400, "invalid",
			       "%s%spartner %s's %s must be given, as a whole number from 0 "
			       "to %lld",
			       where, sep, key, what, max);
	if (json_is_real(v))
		return err_set(e, 400, "invalid",
			       "%s%spartner %s's %s must be a whole number from 0 to %lld, not %g",
			       where, sep, key, what, max, json_real_value(v));
	return err_set(e, 400, "invalid",
		       "%s%spartner %s's %s must be a whole number from 0 to %lld, not %s", where,
		       sep, key, what, max, type_word(v));
}

/* Reads in[kind->key] into n (name, a, b) entries; the options of a choice
 * are read as aw_items too and copied, at most NASH_MAX_OPTIONS of them. */
static int read_entries(const json_t *in, const struct entry_kind *kind, struct aw_item *out,
			size_t *n, struct err *e)
{
	if (!json_is_object(in))
		return err_set(e, 400, "invalid",
			       "the input must be a JSON object with an \"%s\" list", kind->key);
	const json_t *list = json_object_get(in, kind->key);
	if (!list)
		return err_set(e, 400, "invalid", "\"%s\" is missing; %s", kind->key, kind->hint);
	if (!json_is_array(list))
		return err_set(e, 400, "invalid", "\"%s\" must be a list, not %s; %s", kind->key,
			       type_word(list), kind->hint);
	size_t count = json_array_size(list);
	if (kind->check_count(count, e) < 0)
		return -1;
	char l[FAIR_LABEL_MAX];
	for (size_t i = 0; i < count; i++) {
		const json_t *el = json_array_get(list, i);
		if (!json_is_object(el))
			return err_set(e, 400, "invalid",
				       "%s %zu must be an object with \"name\", \"a\" and \"b\", "
				       "not %s",
				       kind->noun, i + 1, type_word(el));
		const json_t *name = json_object_get(el, "name");
		out[i].name = NULL; /* missing or null: negotiate/fair says it has no name */
		if (json_is_string(name)) {
			out[i].name = json_string_value(name);
			if (strlen(out[i].name) != json_string_length(name))
				return err_set(e, 400, "invalid",
					       "%s %zu's name holds a NUL character; use plain "
					       "text",
					       kind->noun, i + 1);
		} else if (name && !json_is_null(name)) {
			return err_set(e, 400, "invalid", "%s %zu's name must be text, not %s",
				       kind->noun, i + 1, type_word(name));
		}
		fair_label(l, sizeof l, kind->noun, i, out[i].name);
		if (read_whole(el, "a", l, kind->what, kind->max, &out[i].a, e) < 0 ||
		    read_whole(el, "b", l, kind->what, kind->max, &out[i].b, e) < 0)
			return -1;
	}
	*n = count;
	return 0;
}

json_t *fair_json_real6(struct frac f)
{
	return json_real((double)frac_scale_round(f, 1000000) / 1e6);
}

/* At most 41 bytes for any long longs. */
json_t *fair_json_frac(struct frac f)
{
	char s[48];
	return json_string(frac_format(f, s, sizeof s) < 0 ? "?" : s);
}

int fair_split_from_json(const json_t *in, struct aw_item *items, size_t *n, struct err *e)
{
	return read_entries(in, &issues, items, n, e);
}

json_t *fair_split_to_json(const struct aw_item *items, size_t n, const struct aw_result *r)
{
	json_t *alloc = json_array();
	for (size_t i = 0; alloc && i < n; i++) {
		const struct aw_share *s = &r->share[i];
		json_t *issue = json_pack("{s:s, s:o, s:o, s:o, s:o}", "name", items[i].name, "a",
					  fair_json_frac(s->a), "b", fair_json_frac(s->b),
					  "a_share", fair_json_real6(s->a), "b_share",
					  fair_json_real6(s->b));
		if (json_array_append_new(alloc, issue) < 0) {
			json_decref(alloc);
			alloc = NULL;
		}
	}
	if (!alloc)
		return NULL;
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:s?}", "allocation", alloc, "a_total",
			 fair_json_frac(r->total_a), "b_total", fair_json_frac(r->total_b),
			 "a_points", fair_json_real6(r->total_a), "b_points",
			 fair_json_real6(r->total_b), "split",
			 r->split < 0 ? NULL : items[r->split].name);
}

json_t *fair_split_json(const json_t *in, struct err *e)
{
	struct aw_item items[AW_MAX_ITEMS];
	struct aw_result r;
	size_t n;
	if (fair_split_from_json(in, items, &n, e) < 0 || aw_split(items, n, &r, e) < 0)
		return NULL;
	json_t *out = fair_split_to_json(items, n, &r);
	if (!out)
		err_set(e, 500, "no_memory", "out of memory");
	return out;
}

int fair_choose_from_json(const json_t *in, struct nash_option *opts, size_t *n,
			  long long *none_a, long long *none_b, struct err *e)
{
	struct aw_item entries[NASH_MAX_OPTIONS];
	if (read_entries(in, &options, entries, n, e) < 0)
		return -1;
	for (size_t i = 0; i < *n; i++)
		opts[i] = (struct nash_option){ entries[i].name, entries[i].a, entries[i].b };
	const json_t *sq = json_object_get(in, "status_quo");
	if (!sq)
		return err_set(e, 400, "invalid",
			       "\"status_quo\" is missing; rate having no agreement from 0 to %d "
			       "for each partner, as {\"a\":…,\"b\":…}",
			       NASH_RATING_MAX);
	if (!json_is_object(sq))
		return err_set(e, 400, "invalid",
			       "\"status_quo\" must be an object with \"a\" and \"b\", not %s",
			       type_word(sq));
	if (read_whole(sq, "a", NULL, "rating of no agreement", NASH_RATING_MAX, none_a, e) < 0 ||
	    read_whole(sq, "b", NULL, "rating of no agreement", NASH_RATING_MAX, none_b, e) < 0)
		return -1;
	return 0;
}

json_t *fair_choose_to_json(const struct nash_option *opts, const struct nash_result *r)
{
	char reason[NASH_REASON_MAX];
	if (nash_reason(opts, r, reason, sizeof reason) < 0)
		return NULL;
	json_t *ranking = json_array();
	for (size_t k = 0; ranking && k < r->nranked; k++) {
		const struct nash_rank *x = &r->ranking[k];
		if (json_array_append_new(ranking, json_pack("{s:s, s:I}", "name",
							     opts[x->index].name, "product",
							     (json_int_t)x->product)) < 0) {
			json_decref(ranking);
			ranking = NULL;
		}
	}
	if (!ranking)
		return NULL;
	const struct nash_rank *best = r->nranked ? &r->ranking[0] : NULL;
	json_t *gains = best ? json_pack("{s:I, s:I}", "a", (json_int_t)best->gain_a, "b",
					 (json_int_t)best->gain_b)
			     : json_null();
	json_t *product = best ? json_integer(best->product) : json_null();
	const char *choice = best ? opts[best->index].name : NULL;
	return json_pack("{s:s?, s:o, s:o, s:o, s:s}", "choice", choice, "gains", gains, "product",
			 product, "ranking", ranking, "reason", reason);
}

json_t *fair_choose_json(const json_t *in, struct err *e)
{
	struct nash_option opts[NASH_MAX_OPTIONS];
	struct nash_result r;
	long long none_a, none_b;
	size_t n;
	if (fair_choose_from_json(in, opts, &n, &none_a, &none_b, e) < 0 ||
	    nash_choose(opts, n, none_a, none_b, &r, e) < 0)
		return NULL;
	json_t *out = fair_choose_to_json(opts, &r);
	if (!out)
		err_set(e, 500, "no_memory", "out of memory");
	return out;
}

/* One value of an allocation: a whole number, or absent/null (-1). */
static int read_value(const json_t *v, const char *what, const char *label, long long *out,
		      struct err *e)
{
	*out = -1;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return err_set(e, 400, "invalid", "The %s for %s must be a whole number, not %s.",
			       what, label, type_word(v));
	*out = json_integer_value(v);
	if (*out < 0)
		return err_set(e, 400, "out_of_range", "The %s for %s can't be below 0.", what,
			       label);
	return 0;
}

int fair_alloc_from_json(const json_t *in, int choice, const char *const *names, size_t n,
			 long long *values, long long *status_quo, struct err *e)
{
	const char *key = choice ? "ratings" : "points";
	const char *what = choice ? "rating" : "points";
	const char *noun = choice ? "option" : "issue";
	for (size_t i = 0; i < n; i++)
		values[i] = -1;
	*status_quo = -1;
	const json_t *map = json_is_object(in) ? json_object_get(in, key) : NULL;
	if (!map)
		return err_set(e, 400, "invalid",
			       "Please send \"%s\": an object with each %s's name and your %s.",
			       key, noun, what);
	if (!json_is_object(map))
		return err_set(e, 400, "invalid",
			       "\"%s\" must be an object with each %s's name and your %s, not %s.",
			       key, noun, what, type_word(map));
	const char *name;
	const json_t *v;
	char l[FAIR_LABEL_MAX];
	json_object_foreach((json_t *)map, name, v) {
		size_t i = 0;
		while (i < n && strcmp(names[i], name))
			i++;
		if (i == n) {
			size_t len = strlen(name);
			if (len <= FAIR_LABEL_NAME_MAX && utf8_valid(name, len))
				return err_set(e, 400, "unknown_item",
					       "There is no %s called \"%s\" in this negotiation.",
					       noun, name);
			return err_set(e, 400, "unknown_item",
				       "One of the names is not an %s of this negotiation.", noun);
		}
		fair_label(l, sizeof l, noun, i, names[i]);
		if (read_value(v, what, l, &values[i], e) < 0)
			return -1;
	}
	if (!choice)
		return 0;
	return read_value(json_object_get(in, "status_quo"), "rating", "having no agreement",
			  status_quo, e);
}
