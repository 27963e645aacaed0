/* safety.c: resources, feeling unsafe, the quick exit (see safety.h). */
#include "safety.h"

#include "util/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "util/log.h"
#include "util/utf8.h"
#include "web/page.h"

#define EXIT_DEFAULT "/kitchen"

static const char help_default[] = N_(
    "If you are in danger right now, call your local emergency number. A helpline for "
    "domestic abuse in your country can listen in confidence and help you think through "
    "what you could do next, whether or not you want to leave.");

static struct {
	const char *help_text; /* borrowed from the environment or static */
	const char *help_url;  /* NULL when not set */
	const char *exit_url;
} cfg = {help_default, NULL, EXIT_DEFAULT};

int safety_url_ok(const char *s)
{
	if (!s || strlen(s) > SAFETY_URL_MAX)
		return 0;
	if (strncmp(s, "https://", 8) && strncmp(s, "http://", 7))
		return 0;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x21 || (unsigned char)*p > 0x7e || strchr("<>\"'`\\", *p))
			return 0;
	return strlen(s) > (s[4] == 's' ? 8u : 7u);
}

void safety_setup(void)
{
	const char *t = getenv("DUET_HELP_TEXT");
	const char *u = getenv("DUET_HELP_URL");
	const char *x = getenv("DUET_EXIT_URL");
	cfg.help_text = help_default;
	cfg.help_url = NULL;
	cfg.exit_url = EXIT_DEFAULT;
	if (t && *t) {
		if (utf8_valid(t, strlen(t)) && utf8_count(t, strlen(t)) <= SAFETY_TEXT_MAX)
			cfg.help_text = t;
		else
			log_msg("DUET_HELP_TEXT is not UTF-8 text of at most %d characters; "
			        "showing the default help text",
			        SAFETY_TEXT_MAX);
	}
	if (u && *u) {
		if (safety_url_ok(u))
			cfg.help_url = u;
		else
			log_msg(
			    "DUET_HELP_URL is not an http:// or https:// address; leaving it out");
	}
	if (x && *x) {
		if (safety_url_ok(x))
			cfg.exit_url = x;
		else
			log_msg(
			    "DUET_EXIT_URL is not an http:// or https:// address; the quick exit "
			    "goes to " EXIT_DEFAULT);
	}
}

static void quick_exit_button(struct req *r)
{
	h(r, "<p><a class=\"button quick-exit-button\" href=\"/exit\">Quick exit</a> "
	     "<span class=\"hint\">leaves duet at once for a neutral page</span></p>");
}

static void help_block(struct req *r)
{
	h(r, "<div class=\"help-box\"><p>");
	ht(r, cfg.help_text == help_default ? _(help_default) : cfg.help_text);
	h(r, "</p>");
	if (cfg.help_url) {
		h(r, "<p><a href=\"");
		ht(r, cfg.help_url);
		h(r, "\" rel=\"noreferrer\">");
		ht(r, cfg.help_url);
		h(r, "</a></p>");
	}
	h(r, "</div>");
}

int safety_page_safety(struct req *r)
{
	page_begin(r, 200, "Feeling unsafe?", "safety");
	h(r, "<section class=\"card\"><h1>Feeling unsafe?</h1>");
	quick_exit_button(r);
	h(r, "<p>If you are afraid of your partner, of what they might do or of how they react "
	     "when you disagree, couples work is not the right first step. duet asks both "
	     "partners to open up, and that can make things harder, or less safe, when one "
	     "partner fears the other. You deserve support of your own first.</p>"
	     "<p>It may help to talk to someone on your own if you often change what you say or "
	     "do to avoid your partner's reaction, if your partner controls your money, phone or "
	     "where you go, or if you have been hurt, threatened or pressured.</p>"
	     "<h2>Where to get help</h2>");
	help_block(r);
	h(r, "<p>Talking to a helpline does not commit you to anything. You can also talk to a "
	     "doctor, or to a counsellor who sees you alone.</p>"
	     "<h2>Leaving quickly</h2><p>Every page has a <strong>Quick exit</strong> link at the "
	     "bottom. It takes you straight to a neutral page. Your browser's history still "
	     "lists the pages you visited; a private window keeps none.</p>"
	     "<h2>Your own space</h2><p>What you write in your journal is readable by you alone. "
	     "Check-ins and shared answers are seen by your partner, so write there only what "
	     "feels safe to share.</p></section>");
	return page_end(r);
}

static const struct {
	const char *title, *author, *about;
} books[] = {
    {"The Dance of Intimacy", "Harriet Lerner",
     N_("How to stay yourself while staying close: small, steady changes in your own part of "
     "a pattern, rather than trying to change your partner.")},
    {"Why Won't You Apologize?", "Harriet Lerner",
     N_("What makes an apology heal, why some apologies make things worse, and how to listen "
     "when you are the one who caused the hurt.")},
    {"The Seven Principles for Making Marriage Work", "John Gottman and Nan Silver",
     N_("What long observation of couples suggests: turning towards each other, living with "
     "the conflicts that never fully go away, and keeping fondness alive.")},
    {"Hold Me Tight", "Sue Johnson",
     N_("Closeness as a need for safe connection, and conversations that help partners reach "
     "for each other when they feel far apart.")},
    {"Mating in Captivity", "Esther Perel",
     N_("Why closeness and desire can pull in different directions, and how couples keep room "
     "for both.")},
};

int safety_page_resources(struct req *r)
{
	page_begin(r, 200, "Resources", "resources");
	h(r, "<section class=\"card\"><h1>Resources</h1><p>Some reading, what couples counselling "
	     "is, and how to find a counsellor. If you are afraid of your partner, start with "
	     "<a href=\"/safety\">Feeling unsafe?</a> instead.</p></section>"
	     "<section class=\"card\" aria-labelledby=\"reading-h\"><h2 id=\"reading-h\">Reading"
	     "</h2><ul class=\"items books\">");
	for (size_t i = 0; i < ARRAY_LEN(books); i++) {
		h(r, "<li class=\"item\"><p class=\"item-text\"><cite>");
		ht(r, books[i].title);
		h(r, "</cite> by ");
		ht(r, books[i].author);
		h(r, "</p><p class=\"hint\">");
		ht(r, _(books[i].about));
		h(r, "</p></li>");
	}
	h(r, "</ul><p class=\"hint\">Your library or any bookshop will have them.</p></section>"
	     "<section class=\"card\" aria-labelledby=\"counselling-h\"><h2 id=\"counselling-h\">"
	     "What couples counselling is</h2><p>A couples counsellor (or couples therapist) meets "
	     "with both of you, often for an hour every week or two, and helps you talk about what "
	     "is hard without it turning into the same argument again. The counsellor does not "
	     "decide who is right. There are several approaches; Emotionally Focused Therapy and "
	     "the Gottman Method are two that have been studied with many couples.</p>"
	     "<h3>When it can help</h3><ul><li>The same disagreement keeps coming back.</li>"
	     "<li>After a betrayal or a hurt you can't get past on your own.</li>"
	     "<li>Trust, or feeling safe to share, has stayed low for a while.</li>"
	     "<li>Before a big decision: children, moving, living apart.</li>"
	     "<li>You feel distant and don't know why.</li></ul>"
	     "<p>It tends to help most when both of you come willingly, and earlier rather than "
	     "later. It is not the right first step when one of you is afraid of the other: see "
	     "<a href=\"/safety\">Feeling unsafe?</a></p></section>"
	     "<section class=\"card\" aria-labelledby=\"find-h\"><h2 id=\"find-h\">Finding a "
	     "counsellor</h2><ul><li>Ask your doctor or local health service for a referral.</li>"
	     "<li>Look in the register of your country's professional body for counsellors or "
	     "psychotherapists, and look for training in couples work.</li>"
	     "<li>Ask about fees, how often you would meet, and whether sessions can be online."
	     "</li><li>The first session is a chance to see whether you both feel at ease. It is "
	     "fine to try someone else.</li></ul>"
	     "<h3>Bringing your counsellor into duet</h3><p>Both of you choose what your "
	     "counsellor can see, for example your check-in trends or your agreements, and either "
	     "of you can end it at any time. Your counsellor never sees your prompt answers or "
	     "your journal. <a href=\"/counsellor\">Invite your counsellor</a></p></section>");
	return page_end(r);
}

int safety_exit(struct req *r)
{
	return resp_redirect(r, cfg.exit_url);
}

/* A neutral page with nothing of duet on it: no name, no links back. */
int safety_page_kitchen(struct req *r)
{
	resp_html_start(r, 200);
	h(r, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>Red lentil soup</title></head><body><main><h1>Red lentil soup</h1>"
	     "<p>Serves four. About 40 minutes.</p><h2>Ingredients</h2><ul>"
	     "<li>1 onion, chopped</li><li>2 carrots, diced</li><li>2 cloves of garlic</li>"
	     "<li>250 g red lentils, rinsed</li><li>1 tin of chopped tomatoes</li>"
	     "<li>1.2 litres of vegetable stock</li><li>1 teaspoon of ground cumin</li>"
	     "<li>Olive oil, salt, pepper, a squeeze of lemon</li></ul><h2>Method</h2><ol>"
	     "<li>Soften the onion and carrots in a little oil for ten minutes.</li>"
	     "<li>Add the garlic and cumin and stir for a minute.</li>"
	     "<li>Add the lentils, tomatoes and stock. Simmer for 25 minutes, until the lentils "
	     "fall apart.</li><li>Blend half of it, season, and finish with lemon.</li></ol>"
	     "</main></body></html>\n");
	return 0;
}

int safety_api(struct req *r)
{
	return resp_json(r, 200,
	                 json_pack("{s:{s:s,s:o},s:s}", "help", "text", cfg.help_text == help_default ? _(help_default) : cfg.help_text, "url",
	                           cfg.help_url ? json_string(cfg.help_url) : json_null(),
	                           "exit_url", cfg.exit_url));
}
