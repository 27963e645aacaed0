/* cli_serve.c: `duet serve`, the main job: open (and migrate) the database,
 * load data and static files, and serve HTTP until told to stop. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli.h"
#include "coach/coach_http.h"
#include "couple/couple.h"
#include "crypto/crypto.h"
#include "differences/difference.h"
#include "http/pagecache.h"
#include "http/server.h"
#include "know/know.h"
#include "store/db.h"
#include "trust/safety.h"
#include "util/datadir.h"
#include "util/log.h"
#include "web/home.h"

static void serve_usage(FILE *f)
{
	fprintf(f, "usage: duet serve [--listen ADDR:PORT] [--db PATH] [--threads N]\n\n"
		   "Serves duet over HTTP until SIGINT or SIGTERM.\n\n"
		   "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080, or $DUET_LISTEN);\n"
		   "                      port 0 picks a free port, printed on stderr\n"
		   "  --db PATH           the SQLite database file (default ./duet.db, or $DUET_DB);\n"
		   "                      created and migrated on start\n"
		   "  --threads N         worker threads (default: one per core)\n\n"
		   "Environment: DUET_DATA (data folder), DUET_STATIC (static folder),\n"
		   "DUET_COOKIE_SECURE=1 (behind TLS), DUET_QUIET=1 (no per-request log lines),\n"
		   "DUET_HELP_TEXT and DUET_HELP_URL (local help on the \"Feeling unsafe?\" page),\n"
		   "DUET_EXIT_URL (where the quick exit goes; default a neutral page, /kitchen),\n"
		   "DUET_PAGE_CACHE_MB (memory for kept pages, default 8; 0 turns the cache off).\n");
}

/* The page cache's budget from DUET_PAGE_CACHE_MB (default 8, at most 1024). */
static int cache_setup(struct err *e)
{
	const char *s = getenv("DUET_PAGE_CACHE_MB");
	long mb = 8;
	if (s && *s) {
		char *end;
		mb = strtol(s, &end, 10);
		if (*end || mb < 0 || mb > 1024)
			return err_set(e, 2, "usage",
				       "DUET_PAGE_CACHE_MB wants a number of megabytes from 0 to 1024");
	}
	if (pagecache_setup((size_t)mb << 20, 0) < 0)
		return err_set(e, 1, "no_memory", "could not set up the page cache");
	return 0;
}

/* Finds the static folder: $DUET_STATIC, else <datadir>/../static. */
static const char *static_dir(char *buf, size_t size)
{
	const char *env = getenv("DUET_STATIC");
	if (env && *env)
		return env;
	snprintf(buf, size, "%s/../static", datadir());
	return buf;
}

int cli_serve(int argc, char **argv)
{
	const char *listen = getenv("DUET_LISTEN");
	const char *dbpath = getenv("DUET_DB");
	int threads = 0;
	if (!listen || !*listen)
		listen = "127.0.0.1:8080";
	if (!dbpath || !*dbpath)
		dbpath = "duet.db";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			serve_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--listen") && i + 1 < argc) {
			listen = argv[++i];
		} else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			dbpath = argv[++i];
		} else if (!strcmp(argv[i], "--threads") && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);
			if (*end || n < 1 || n > 256) {
				fprintf(stderr, "duet serve: --threads wants a number from 1 to 256\n");
				return 2;
			}
			threads = (int)n;
		} else {
			fprintf(stderr, "duet serve: unknown option '%s'\n\n", argv[i]);
			serve_usage(stderr);
			return 2;
		}
	}
	const char *quiet = getenv("DUET_QUIET");
	if (quiet && !strcmp(quiet, "1"))
		log_set_requests(0);
	/* No core dumps: a dump would hold unlocked keys and private text. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	struct err e = { 0 };
	char sbuf[4096];
	int rc = 1;
	if (crypto_setup(threads > 0 ? threads : 2) < 0) {
		fprintf(stderr, "duet serve: could not start the crypto library\n");
		return 1;
	}
	if (static_load(static_dir(sbuf, sizeof sbuf), &e) < 0)
		goto out;
	home_parts = (struct home_parts){ couple_home_welcome, couple_home_first_week };
	if (know_setup(NULL, &e) < 0)
		goto out;
	safety_setup();
	if (difference_load(&e) < 0)
		goto out;
	if (coach_server_load(&e) < 0)
		goto out;
	if (db_setup(dbpath, &e) < 0)
		goto out;
	if (cache_setup(&e) < 0)
		goto out;
	struct server_config cfg = { .listen = listen, .threads = threads };
	if (server_run(&cfg, &e) == 0) {
		rc = 0;
		if (pagecache_on()) {
			struct pagecache_stats st;
			pagecache_stats(&st);
			fprintf(stderr,
				"duet: page cache: %llu pages served from memory, %llu made afresh, "
				"%zu kept at the end (%zu KiB)\n",
				(unsigned long long)st.hits, (unsigned long long)st.misses, st.entries,
				st.bytes >> 10);
		}
	}
out:
	if (rc)
		fprintf(stderr, "duet serve: %s\n", e.msg);
	db_shutdown();
	know_free();
	difference_free();
	static_free();
	coach_server_free();
	pagecache_free();
	return rc == 0 ? 0 : (e.status == 2 ? 2 : 1);
}
