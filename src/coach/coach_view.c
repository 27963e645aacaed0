/* coach_view.c: the coach's view of a message as HTML (see coach_http.h): the
 * text with each finding marked, what each finding means and a gentler pattern,
 * and the parts of an apology present and missing, in our own words. */
#include "coach/coach_http.h"

#include "util/i18n.h"

#include <string.h>

#include "coach/coach.h"
#include "util/html.h"
#include "web/page.h"

/* A name for each kind of finding, describing words, never a person. */
static const struct {
	const char *kind, *label;
} kinds[] = {
    {"absolute", "Always or never"},
    {"blame", "Blame"},
    {"character", "About who someone is"},
    {"contempt", "Mockery or a put-down"},
    {"defensive", "Defending"},
    {"non_apology", "An apology with a catch"},
    {"stonewalling", "Shutting the talk down"},
};

/* The parts of an apology, most important first (as the coach lists them), with
 * what each looks like. "%s" in a label is the other person's name. */
static const struct {
	const char *part, *label, *how;
} parts[] = {
    {"responsibility", "Owning your part",
     "Say plainly what you did: “I was wrong to…”, “That was on me.”"},
    {"repair", "Offering to make it right", "What could you do now? “Can I…”, “Let me…”"},
    {"impact", "Naming how it landed for %s", "“I can see it left you feeling…”"},
    {"regret", "Saying sorry, plainly", "“I’m sorry I…”, with no “if” and no “but”."},
    {"explanation", "What was going on for you",
     "An account, not an excuse: “I was worried about work, and…”"},
    {"repentance", "What you will do differently", "“Next time I will…”"},
    {"forgiveness", "Asking to be forgiven", "“Can you forgive me?”, if it feels true."},
};

static const char *kind_label(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(kinds); i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].label;
	return kind;
}

/* Writes text[from..to) escaped. */
static void text_part(struct req *r, const char *text, size_t from, size_t to)
{
	(void)!html_escape_n(&r->out, text + from, to - from);
}

/* A finding's offsets, checked against the text (a stored result is trusted no
 * further than that); 0 when they do not fit. */
static int span_of(json_t *f, size_t len, size_t *start, size_t *end)
{
	json_t *s = json_object_get(f, "start"), *e = json_object_get(f, "end");
	if (!json_is_integer(s) || !json_is_integer(e))
		return 0;
	json_int_t a = json_integer_value(s), b = json_integer_value(e);
	if (a < 0 || b < a || (size_t)b > len)
		return 0;
	*start = (size_t)a;
	*end = (size_t)b;
	return 1;
}

static const char *str_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
}

/* The text with each finding marked and numbered; a finding that overlaps an
 * earlier one is listed but not marked again. */
static void marked_text(struct req *r, json_t *findings, const char *text)
{
	size_t len = strlen(text), pos = 0, i;
	json_t *f;
	h(r, "<div class=\"coach-text\">");
	json_array_foreach(findings, i, f)
	{
		size_t start, end;
		if (!span_of(f, len, &start, &end) || start < pos)
			continue;
		text_part(r, text, pos, start);
		h(r, "<mark>");
		text_part(r, text, start, end);
		hf(r, "</mark><sup><a href=\"#coach-note-%zu\">%zu</a></sup>", i + 1, i + 1);
		pos = end;
	}
	text_part(r, text, pos, len);
	h(r, "</div>");
}

static void findings_list(struct req *r, json_t *findings)
{
	size_t i;
	json_t *f;
	if (!json_array_size(findings)) {
		h(r, "<p>Nothing here tends to put the other person on the defensive.</p>");
		return;
	}
	h(r, "<ol class=\"coach-notes\">");
	json_array_foreach(findings, i, f)
	{
		hf(r, "<li id=\"coach-note-%zu\"><p><strong>", i + 1);
		ht(r, kind_label(str_of(f, "kind")));
		h(r, "</strong>: “");
		ht(r, str_of(f, "excerpt"));
		h(r, "”</p><p>");
		ht(r, str_of(f, "advice"));
		h(r, "</p><p class=\"coach-rewrite\"><span class=\"hint\">Another way to say it: "
		     "</span>");
		ht(r, str_of(f, "rewrite"));
		h(r, "</p></li>");
	}
	h(r, "</ol>");
}

static int listed(json_t *list, const char *name)
{
	size_t i;
	json_t *v;
	json_array_foreach(list, i, v) if (json_is_string(v) &&
	                                   !strcmp(json_string_value(v), name)) return 1;
	return 0;
}

static void part_label(struct req *r, size_t k, const char *other)
{
	const char *label = parts[k].label, *mark = strstr(label, "%s");
	if (!mark) {
		ht(r, label);
		return;
	}
	text_part(r, label, 0, (size_t)(mark - label));
	ht(r, other ? other : "them");
	ht(r, mark + 2);
}

static void apology_parts(struct req *r, json_t *apology, const char *other)
{
	if (!json_is_object(apology))
		return; /* not an apology: nothing to say about its parts */
	json_t *present = json_object_get(apology, "components");
	json_t *missing = json_object_get(apology, "missing");
	h(r, "<h3>Parts of an apology</h3>");
	if (json_array_size(present)) {
		h(r, "<p>There:</p><ul class=\"coach-parts\">");
		for (size_t k = 0; k < ARRAY_LEN(parts); k++) {
			if (!listed(present, parts[k].part))
				continue;
			hf(r, "<li class=\"present\" data-part=\"%s\">", parts[k].part);
			part_label(r, k, other);
			h(r, "</li>");
		}
		h(r, "</ul>");
	}
	if (json_array_size(missing)) {
		h(r, json_array_size(present) ? "<p>You might add:</p>"
		                              : N_("<p>If this is an apology, these parts tend to "
		                                "help it land:</p>"));
		h(r, "<ul class=\"coach-parts\">");
		for (size_t k = 0; k < ARRAY_LEN(parts); k++) {
			if (!listed(missing, parts[k].part))
				continue;
			hf(r, "<li class=\"missing\" data-part=\"%s\">", parts[k].part);
			part_label(r, k, other);
			h(r, " <span class=\"hint\">");
			ht(r, parts[k].how);
			h(r, "</span></li>");
		}
		h(r, "</ul>");
	}
	h(r, "<p class=\"hint\">Owning your part matters most, then offering to make it "
	     "right. Not every apology needs every part.</p>");
}

void coach_view(struct req *r, json_t *coach, const char *text, const char *other)
{
	json_t *findings = json_object_get(coach, "findings");
	h(r, "<section class=\"card coach\" id=\"coach\" aria-labelledby=\"coach-title\">"
	     "<h2 id=\"coach-title\">What the coach notices</h2>"
	     "<p class=\"hint\">Suggestions, not rules. You know the two of you best.</p>");
	marked_text(r, findings, text);
	findings_list(r, findings);
	apology_parts(r, json_object_get(coach, "apology"), other);
	h(r, "</section>");
}
