/* journal_page.c: the journal's pages: the list, a new entry, an entry to read
 * and change, deleting one (after saying what happens), and starting an apology
 * from one (see journal.h). */
#include "journal.h"

#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "repair/repair.h"
#include "util/timefmt.h"
#include "web/page.h"

#define PREVIEW_CHARS 160

static const char conflict_key; /* req_memo: the entry was changed elsewhere */

static const char *const tag_labels[JOURNAL_TAGS_MAX] = {
    N_("Hostile"), N_("Distant"), N_("Defensive"), N_("Mean"), N_("Withdrew"),
    N_("Grateful"), N_("A worry"), N_("To say later"), N_("Other")};

static void tags_text(struct req *r, const struct journal_entry *e)
{
	for (size_t i = 0; i < e->ntags; i++)
		for (size_t t = 0; t < JOURNAL_TAGS_MAX; t++)
			if (e->tags[i] == journal_tags[t])
				hf(r, "%s<span class=\"tag\">%s</span>", i ? " " : "",
				   _(tag_labels[t]));
}

/* The start of a text, cut at a character boundary, with "…" when cut. */
static void preview(struct req *r, const char *text)
{
	size_t n = 0, chars = 0;
	while (text[n] && chars < PREVIEW_CHARS) {
		n++;
		while ((text[n] & 0xc0) == 0x80)
			n++;
		chars++;
	}
	char *s = arena_strndup(&r->arena, text, n);
	ht(r, s);
	if (text[n])
		h(r, "…");
}

int journal_page_list(struct req *r)
{
	struct journal_entry *list;
	size_t n;
	int64_t page;
	int more;
	if (journal_load_page(r, &list, &n, &page, &more) < 0)
		return -1;
	page_begin(r, 200, "Journal", "journal");
	h(r, "<section class=\"card\"><h1>Your private journal</h1>"
	     "<p>A place for the moments you are not proud of: when you were hostile, distant, "
	     "defensive or mean, or withdrew. Writing them down, with what they did to your "
	     "partner, is a quiet first step towards owning them.</p>"
	     "<p>It holds other things too: what you are grateful for, a worry you are "
	     "carrying, or something you want to say to your partner later, when the time is "
	     "right.</p>"
	     "<p class=\"hint\">Only you can read this journal: not your partner, not a "
	     "counsellor, not whoever runs this server. It is locked with your passphrase. If "
	     "you lose both your passphrase and your recovery code, it cannot be opened by "
	     "anyone.</p>"
	     "<p><a class=\"button\" href=\"/journal/new\">Write an entry</a></p></section>"
	     "<section class=\"card\"><h2>Entries</h2>");
	if (!n)
		h(r, "<p class=\"muted\">Nothing here yet. There is no right way to write one: a "
		     "few lines about a moment you regret are plenty.</p>");
	else
		h(r, "<ul class=\"items\">");
	for (size_t i = 0; i < n; i++) {
		const struct journal_entry *e = &list[i];
		hf(r, "<li class=\"item\"><p><a href=\"/journal/%lld\">", (long long)e->id);
		ht(r, time_when(&r->arena, e->created_at));
		h(r, "</a> ");
		tags_text(r, e);
		h(r, "</p><p class=\"item-text\">");
		preview(r, e->text);
		h(r, "</p></li>");
	}
	if (n)
		h(r, "</ul>");
	page_pager(r, "/journal", page, more, "Older entries");
	h(r, "</section>");
	return page_end(r);
}

/* The entry's fields; values from the form when it comes back with a mistake. */
static void entry_fields(struct req *r, const struct journal_entry *e)
{
	const char *text = r->form ? req_form(r, "text") : e ? e->text : NULL;
	const char *impact = r->form ? req_form(r, "impact") : e ? e->impact : NULL;
	const char *own = r->form ? req_form(r, "own") : e ? e->own : NULL;
	page_textarea(r, "text", "What happened, or what is on your mind", text,
	              "What you did or said and what was going on for you; or what you are "
	              "grateful for, worried about, or want to say later.",
	              JOURNAL_TEXT_MAX, 1);
	h(r, "<fieldset class=\"choice tags\"><legend>What kind of entry</legend>"
	     "<p class=\"hint\">Optional. Choose any that fit.</p>");
	for (size_t t = 0; t < JOURNAL_TAGS_MAX; t++) {
		int on = 0;
		if (r->form) {
			for (size_t i = 0; i < r->nform; i++)
				on |= !strcmp(r->form[i].name, "tags") &&
				      !strcmp(r->form[i].value, journal_tags[t]);
		} else if (e) {
			for (size_t i = 0; i < e->ntags; i++)
				on |= e->tags[i] == journal_tags[t];
		}
		hf(r, "<label><input type=\"checkbox\" name=\"tags\" value=\"%s\"%s> %s</label>",
		   journal_tags[t], on ? " checked" : "", _(tag_labels[t]));
	}
	h(r, "</fieldset>");
	const char *landed =
	    r->user->partner_name
	        ? arena_printf(&r->arena, _("How it may have landed for %s. Optional."),
	                       r->user->partner_name)
	        : NULL;
	page_textarea(r, "impact", "Impact on my partner", impact,
	              landed ? landed : "How it may have landed for your partner. Optional.",
	              JOURNAL_NOTE_MAX, 0);
	page_textarea(r, "own", "What I want to own", own,
	              "The part that is yours to take responsibility for. Optional.",
	              JOURNAL_NOTE_MAX, 0);
}

static int new_form(struct req *r, int status, const char *error)
{
	page_begin(r, status, "New journal entry", "journal");
	h(r, "<section class=\"card\"><p><a href=\"/journal\">Your journal</a></p>"
	     "<h1>New journal entry</h1><p class=\"hint\">Only you will ever read this.</p>");
	if (error)
		page_alert(r, error);
	h(r, "<form method=\"post\" action=\"/journal\">");
	page_csrf(r);
	entry_fields(r, NULL);
	h(r, "<button type=\"submit\">Save</button></form></section>");
	return page_end(r);
}

int journal_page_new(struct req *r)
{
	return new_form(r, 200, NULL);
}

int journal_post_create(struct req *r)
{
	int64_t id = 0;
	if (journal_do_save(r, &id) < 0)
		return page_retry(r, new_form);
	char *loc = arena_printf(&r->arena, "/journal/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc ? loc : "/journal");
}

/* The repairs whose apology the person can write now, as a form that opens
 * that apology with this entry in it. */
static int apology_start(struct req *r, const struct journal_entry *e)
{
	if (!r->user->partner_id)
		return 0;
	struct repair_item *items;
	size_t n, open = 0;
	if (repair_items_load(r, &items, &n) < 0)
		return -1;
	h(r, "<section class=\"card\"><h2>Start an apology from this</h2>");
	for (size_t i = 0; i < n; i++)
		if (!repair_write_blocked(r, items[i].steps, REPAIR_APOLOGISE))
			open++;
	if (!open) {
		h(r, "<p class=\"muted\">When a repair reaches its apology step, you can start "
		     "your apology there from this entry.</p></section>");
		return 0;
	}
	hf(r,
	   "<p>This puts what you wrote into the apology step of a repair, for you to "
	   "edit. Nothing is shared until you save it there.</p>"
	   "<form method=\"get\" action=\"/journal/%lld/apology\"><div class=\"field\">"
	   "<label for=\"repair\">Repair</label><select id=\"repair\" name=\"repair\">",
	   (long long)e->id);
	for (size_t i = 0; i < n; i++) {
		if (repair_write_blocked(r, items[i].steps, REPAIR_APOLOGISE))
			continue;
		hf(r, "<option value=\"%lld\">", (long long)items[i].row.id);
		ht(r, items[i].row.title);
		h(r, "</option>");
	}
	h(r, "</select></div><button type=\"submit\" class=\"secondary\">Start the "
	     "apology</button></form></section>");
	return 0;
}

static int entry_form(struct req *r, int status, const char *error)
{
	struct journal_entry e;
	if (journal_load(r, req_param_id(r, 0), &e) < 0)
		return -1;
	page_begin(r, status, "Journal entry", "journal");
	h(r, "<section class=\"card\"><p><a href=\"/journal\">Your journal</a></p>"
	     "<h1>Journal entry</h1><p class=\"hint\">Written ");
	ht(r, time_when(&r->arena, e.created_at));
	if (e.updated_at != e.created_at) {
		h(r, ", changed ");
		ht(r, time_when(&r->arena, e.updated_at));
	}
	h(r, ". Only you can read it.</p>");
	const char *saved = req_query(r, "saved");
	if (!error && saved && !strcmp(saved, "1"))
		h(r, "<p class=\"notice\" role=\"status\">Saved.</p>");
	if (error)
		page_alert(r, error);
	if (req_memo_get(r, &conflict_key)) {
		/* changed elsewhere: what is saved now, above what the person wrote */
		h(r, "<div class=\"conflict\" id=\"conflict\"><p><strong>Saved now</strong></p>"
		     "<blockquote class=\"item-text\">");
		ht(r, e.text);
		h(r, "</blockquote><p class=\"hint\">Below is what you just wrote. Saving it "
		     "replaces what is saved now.</p></div>");
	}
	hf(r, "<form method=\"post\" action=\"/journal/%lld\">", (long long)e.id);
	page_csrf(r);
	hf(r, "<input type=\"hidden\" name=\"version\" value=\"%lld\">", (long long)e.version);
	entry_fields(r, &e);
	hf(r,
	   "<button type=\"submit\">Save changes</button> <a class=\"button secondary\" "
	   "href=\"/journal/%lld/delete\">Delete…</a></form></section>",
	   (long long)e.id);
	if (apology_start(r, &e) < 0)
		return -1;
	return page_end(r);
}

int journal_page_entry(struct req *r)
{
	return entry_form(r, 200, NULL);
}

int journal_post_update(struct req *r)
{
	int64_t id = req_param_id(r, 0);
	if (journal_do_save(r, &id) < 0) {
		if (!strcmp(r->err.code, "edit_conflict"))
			req_memo_put(r, &conflict_key, (void *)&conflict_key);
		return page_retry(r, entry_form);
	}
	char *loc = arena_printf(&r->arena, "/journal/%lld?saved=1", (long long)id);
	return resp_redirect(r, loc ? loc : "/journal");
}

int journal_page_delete(struct req *r)
{
	struct journal_entry e;
	if (journal_load(r, req_param_id(r, 0), &e) < 0)
		return -1;
	page_begin(r, 200, "Delete this entry?", "journal");
	h(r, "<section class=\"card narrow\"><h1>Delete this entry?</h1><p class=\"quote "
	     "item-text\">");
	preview(r, e.text);
	h(r, "</p><p>It will be gone for good: duet keeps no copy, and no one can bring it "
	     "back. Your repairs, and any apology you already saved there, stay as they "
	     "are.</p>");
	char *action = arena_printf(&r->arena, "/journal/%lld/delete", (long long)e.id);
	page_button_form(r, action ? action : "/journal", "Delete it", "danger");
	hf(r, " <a class=\"button secondary\" href=\"/journal/%lld\">No, keep it</a></section>",
	   (long long)e.id);
	return page_end(r);
}

int journal_post_delete(struct req *r)
{
	if (journal_do_delete(r, req_param_id(r, 0)) < 0)
		return -1;
	return resp_redirect(r, "/journal");
}

/* What the entry offers an apology: what the person wants to own, then the
 * impact; the entry's text when neither is written. */
static const char *draft_of(struct req *r, const struct journal_entry *e)
{
	if (!*e->own && !*e->impact)
		return e->text;
	const char *s = arena_printf(&r->arena, "%s%s%s", e->own,
	                             *e->own && *e->impact ? "\n\n" : "", e->impact);
	return s ? s : e->text;
}

int journal_page_apology(struct req *r)
{
	struct journal_entry e;
	const char *rid = req_query(r, "repair");
	char *end = NULL;
	long long repair = rid ? strtoll(rid, &end, 10) : 0;
	if (!rid || *end || repair <= 0)
		return req_fail(r, 400, "invalid", "Please choose a repair for the apology.");
	if (journal_load(r, req_param_id(r, 0), &e) < 0)
		return -1;
	const char *note = arena_printf(&r->arena,
	                                "Started from your journal entry of %s. Nothing is shared "
	                                "until you save it here; make it your own words first.",
	                                time_when(&r->arena, e.created_at));
	return repair_apology_draft(r, repair, draft_of(r, &e), note);
}
