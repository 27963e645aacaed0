/* fair_json.h: JSON in and out for the negotiation methods (negotiate/fair.h),
 * shared by `duet fair-split` / `duet choose` and the HTTP handlers.
 *
 * Input shapes:
 *   split:  {"items":[{"name":"Home","a":20,"b":30}, ...]}
 *   choose: {"options":[{"name":"Lisbon","a":8,"b":2}, ...],"status_quo":{"a":0,"b":0}}
 * The *_from_json functions check shape and types (objects, lists, text names
 * without NUL, whole numbers) and leave the values' rules to negotiate/fair; names
 * in the output arrays are borrowed from `in`. Output objects are new
 * references (caller json_decref()s); their reals are rounded to 6 decimal
 * places, so dump them with FAIR_JSON_DUMP_FLAGS (or at least
 * JSON_REAL_PRECISION(9)) for 0.833333 to print as 0.833333.
 */
#ifndef DUET_FAIR_JSON_H
#define DUET_FAIR_JSON_H

#include <jansson.h>

#include "negotiate/fair.h"
#include "util/common.h"
#include "util/err.h"

/* Totals are at most 100 and shares at most 1: 9 significant digits show all
 * 6 decimal places and nothing past them. */
#define FAIR_JSON_DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(9))

/* Reads a split request into items[0..*n) (room for AW_MAX_ITEMS).
 * Returns 0, or -1 with `e` set. */
int fair_split_from_json(const json_t *in, struct aw_item *items /* OUT */, size_t *n /* OUT */,
			 struct err *e) WARN_UNUSED_RESULT;

/* The split response: {"allocation":[{"name","a","b","a_share","b_share"}…],
 * "a_total","b_total","a_points","b_points","split"}. NULL when out of memory. */
json_t *fair_split_to_json(const struct aw_item *items, size_t n, const struct aw_result *r);

/* Reads, validates and computes a split request; the response or NULL with `e` set. */
json_t *fair_split_json(const json_t *in, struct err *e);

/* Reads a choose request into opts[0..*n) (room for NASH_MAX_OPTIONS) and the
 * ratings of no agreement. Returns 0, or -1 with `e` set. */
int fair_choose_from_json(const json_t *in, struct nash_option *opts /* OUT */,
			  size_t *n /* OUT */, long long *none_a /* OUT */,
			  long long *none_b /* OUT */, struct err *e) WARN_UNUSED_RESULT;

/* The choose response: {"choice","gains":{"a","b"},"product","ranking":[{"name",
 * "product"}…],"reason"}, with choice, gains and product null when no option
 * gains for both. NULL when out of memory. */
json_t *fair_choose_to_json(const struct nash_option *opts, const struct nash_result *r);

/* Reads, validates and computes a choose request; the response or NULL with `e` set. */
json_t *fair_choose_json(const json_t *in, struct err *e);

/* Reads one partner's allocation in a negotiation against its item names[0..n):
 *   split:  {"points":{"Home":20, ...}}
 *   choice: {"ratings":{"Lisbon":8, ...},"status_quo":2}
 * values[i] becomes the value for names[i], or -1 when it is not given (absent
 * or null); *status_quo likewise (left -1 for a split). Checks shape, types
 * (whole numbers) and names (an unknown name is an error that names it);
 * ranges and totals are negotiate/bargain's to check. Returns 0, or -1 with `e` set
 * (400). */
int fair_alloc_from_json(const json_t *in, int choice, const char *const *names, size_t n,
			 long long *values /* OUT */, long long *status_quo /* OUT */,
			 struct err *e) WARN_UNUSED_RESULT;

/* A fraction as JSON text in lowest terms ("5/6", "1", "0"). */
json_t *fair_json_frac(struct frac f);

/* A fraction as a JSON real rounded to 6 decimal places. */
json_t *fair_json_real6(struct frac f);

#endif
