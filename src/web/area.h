/* area.h: what a product area tells the rest of duet about itself.
 *
 * Each product area (src/<area>/) describes itself once, in one constant
 * `const struct area <area>_area` defined in src/<area>/<area>_area.c. The
 * table of areas, `areas[]`, is defined above every area, in src/app/areas.c;
 * this layer only declares it. The router's table, the menu, the home page,
 * the export, account deletion, what a counsellor may be shown and the kinds
 * of live events are all made by looping over that table, so that no lower
 * layer (util, store, crypto, http, web, lib) ever includes an area, and adding
 * an area is one folder and one line in app/areas.c. docs/internals/layers.md
 * has the map of the layers and these fields.
 *
 * Invariants (checked by area_setup() at start, and by tests/unit/test_areas.c):
 * - every area has a unique, non-empty name;
 * - no two routes of all areas share a method and a pattern;
 * - an event kind belongs to one area only;
 * - all areas together have at most AREA_MENU_MAX menu entries.
 * Everything here is static, read-only data: safe to read from any thread.
 */
#ifndef DUET_AREA_H
#define DUET_AREA_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "http/router.h"
#include "store/db.h"
#include "store/export_rows.h"

/* Who sees a menu entry or a home card. */
enum area_who {
	AREA_ANYONE,     /* everyone signed in */
	AREA_PAIR,       /* a partner whose couple has two members */
	AREA_PARTNER,    /* any partner (not a counsellor), with or without a couple */
	AREA_COUNSELLOR, /* counsellors only */
};

/* The most menu entries of all areas together (checked by area_setup()). */
#define AREA_MENU_MAX 32

/* One entry of the main menu. */
struct area_menu {
	const char *key;   /* the page's name for aria-current (page_begin's `current`) */
	const char *href;
	const char *label; /* our own words in English, no markup, marked N_(); the
	                    * menu shows it in the reader's language (util/i18n.h) */
	enum area_who who;
	int order;         /* place in the menu: smaller first */
	int (*badge)(struct req *r); /* a count of news beside the label, or NULL;
	                              * 0 when there is none or anything fails */
	const char *words; /* what it is for, in a few words, on the home page's
	                    * tile of every area (web/hub.h); NULL: no tile */
	int hub_only;      /* 1: a tile on home, not in the menu */
};

/* A card on the home page of a partner (counsellors have their own home). */
struct area_home {
	int (*card)(struct req *r); /* writes its card(s): 0, or -1 with r->err set */
	enum area_who who;
	int order;                  /* place on the page: smaller first */
};

/* What a counsellor sees of one shared scope of a couple. The counsellor's
 * routes check, in one place (counsel/counsellor.c), that the couple invited
 * this counsellor, that both partners approved, and that the scope is in the
 * intersection of their choices; they log the opening; only then do they call
 * the scope's share_fn, which only has to show its area's shared data of
 * couple c->id, filtering every query by it. Never prompt answers, never
 * journal entries: those are not scopes. */
struct share_couple {
	int64_t id;           /* the couple */
	size_t n;             /* members, normally 2 */
	int64_t ids[2];       /* in the order they joined */
	const char *names[2]; /* display names, owned by the request */
};

/* Serves one scope. With `json` set: *json becomes the scope's data (a new
 * object). With `json` NULL: writes the scope's HTML (sections with <h2>
 * headings, text escaped) into the page being built. 0, or -1 with r->err set. */
typedef int (*share_fn)(struct req *r, struct db *db, const struct share_couple *c, json_t **json);

struct area_share {
	unsigned scope; /* a scope bit (counsel/scope.h) */
	share_fn fn;
};

struct area {
	const char *name; /* short and stable: "know", "dreams", … */

	/* Loads what the area needs before serving (its data files, settings),
	 * once at start, before any thread. -1 with e naming what is wrong: the
	 * server then refuses to start. NULL: nothing to load. */
	int (*setup)(struct err *e);
	void (*unload)(void); /* frees what setup loaded; NULL: nothing */

	const struct route *routes; /* its pages and their JSON API twins */
	size_t nroutes;

	const struct area_menu *menu; /* its menu entries, or NULL */
	size_t nmenu;

	struct area_home home; /* card NULL: none */

	/* Its part of the export (docs/EXPORT.md): writes its keys to out
	 * (store/export_rows.h), a row at a time. With
	 * `export_couple` set it is called only for a person in a couple
	 * (couple_id != 0). 0, or -1 with r->err set. NULL: nothing to export. */
	int (*export)(struct req *r, struct db *db, int64_t couple_id, const struct export_who *who,
	              struct export_out *out);
	int export_couple;

	/* Account deletion, inside the deletion's transaction, before the couple
	 * is closed or deleted: removes what the person wrote in the couple's
	 * shared places (what is theirs alone cascades with the account). Called
	 * only for a person in a couple. 0, or -1 with e set. NULL: nothing. */
	int (*forget)(struct db *db, int64_t couple_id, int64_t person_id, struct err *e);

	const struct area_share *shares; /* what it can show a counsellor */
	size_t nshares;

	/* The kinds of live events it sends ("prompt", "dream", …), NULL-ended,
	 * or NULL. An event says only that something of this kind changed. */
	const char *const *events;
};

/* The table of areas (src/app/areas.c), in export order. */
extern const struct area *const areas[];
extern const size_t areas_count;

/* Builds, once at start and before any thread, the flat route table and the
 * menu and home orders, and checks the invariants above. 0, or -1 with e set
 * (a programmer's error in a descriptor, said plainly). */
int area_setup(struct err *e) WARN_UNUSED_RESULT;

/* Runs every area's setup hook, in the table's order. 0, or -1 with e set by
 * the first that failed. */
int area_load(struct err *e) WARN_UNUSED_RESULT;

/* Runs every area's unload hook. */
void area_unload(void);

/* Frees what area_setup() made. */
void area_teardown(void);

/* Every area's routes in one table (after area_setup()). Borrowed. */
const struct route *area_routes(size_t *n);

/* The menu entries of every area, in menu order (after area_setup()). Borrowed. */
const struct area_menu *const *area_menu_items(size_t *n);

/* The areas with a home card, in page order (after area_setup()). Borrowed. */
const struct area *const *area_home_cards(size_t *n);

/* Whether the signed-in person u is one of `who`. */
int area_who_sees(const struct user *u, enum area_who who);

/* The function serving a scope bit; NULL when no area offers it yet. */
share_fn area_share_for(unsigned scope);

/* The scope bits the area sending events of `kind` offers a counsellor (its
 * shares); 0 for a kind of an area that offers none, or an unknown kind. */
unsigned area_event_scopes(const char *kind);

/* The area that sends events of `kind`, or NULL for an unknown kind. */
const struct area *area_of_event(const char *kind);

/* 1 when some area sends events of `kind` (for http/events.h). */
int area_event_known(const char *kind);

#endif
