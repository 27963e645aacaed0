/* reqlist.c: lists of short texts from JSON arrays or repeated form fields (see
 * reqlist.h). */
#include "reqlist.h"

#include <strings.h>
#include <string.h>

#include "util/utf8.h"

struct list {
	const char **items;
	size_t n, max_items, max_chars;
	const char *label;
};

/* Adds s[0..len) to the list, trimmed; -1 with r->err set when it breaks a rule. */
static int add(struct req *r, struct list *l, const char *s, size_t len)
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (!len)
		return 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return req_fail(r, 400, "invalid",
			                "Each of the %s must be a few words on one line.",
			                l->label);
	if (utf8_count(s, len) > l->max_chars)
		return req_fail(r, 400, "too_long",
		                "Each of the %s may have at most %zu characters.", l->label,
		                l->max_chars);
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->items[i]) == len && !strncasecmp(l->items[i], s, len))
			return 0;
	if (l->n == l->max_items)
		return req_fail(r, 400, "too_many", "Please choose at most %zu %s.", l->max_items,
		                l->label);
	const char *copy = arena_strndup(&r->arena, s, len);
	if (!copy)
		return req_fail(r, 500, "no_memory", "out of memory");
	l->items[l->n++] = copy;
	return 0;
}

static int from_json(struct req *r, struct list *l, const char *name)
{
	json_t *arr = json_object_get(r->json, name);
	if (!arr || json_is_null(arr))
		return 0;
	if (!json_is_array(arr))
		return req_fail(r, 400, "invalid", "The %s must be a list of texts.", l->label);
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
	{
		if (!json_is_string(v) || strlen(json_string_value(v)) != json_string_length(v))
			return req_fail(r, 400, "invalid", "The %s must be a list of texts.",
			                l->label);
		if (add(r, l, json_string_value(v), json_string_length(v)) < 0)
			return -1;
	}
	return 0;
}

static int from_form(struct req *r, struct list *l, const char *name, const char *extra)
{
	for (size_t i = 0; i < r->nform; i++)
		if (!strcmp(r->form[i].name, name) &&
		    add(r, l, r->form[i].value, strlen(r->form[i].value)) < 0)
			return -1;
	const char *s = extra ? req_form(r, extra) : NULL;
	while (s && *s) {
		size_t len = strcspn(s, ",\r\n");
		if (add(r, l, s, len) < 0)
			return -1;
		s += len;
		s += strspn(s, ",\r\n");
	}
	return 0;
}

int req_list(struct req *r, const char *name, const char *extra, const char *label,
             size_t max_items, size_t max_chars, const char ***out, size_t *n)
{
	struct list l = {arena_calloc(&r->arena, max_items ? max_items : 1, sizeof(char *)), 0,
	                 max_items, max_chars, label};
	if (!l.items)
		return req_fail(r, 500, "no_memory", "out of memory");
	int rc = r->json ? from_json(r, &l, name) : from_form(r, &l, name, extra);
	if (rc < 0)
		return -1;
	*out = l.items;
	*n = l.n;
	return 0;
}
