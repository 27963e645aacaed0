/* cli_serve.c: `duet serve`, the main job: open (and migrate) the database,
 * load data and static files, and serve HTTP until told to stop. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "cli.h"
#include "app/areas.h"
#include "ownership/quota.h"
#include "counsel/counsel.h"
#include "couple/couple.h"
#include "crypto/crypto.h"
#include "http/events.h"
#include "http/pagecache.h"
#include "http/server.h"
#include "push/push.h"
#include "push/push_send.h"
#include "store/db.h"
#include "trust/reminder.h"
#include "util/datadir.h"
#include "util/log.h"
#include "util/watchdog.h"
#include "web/home.h"

static void serve_usage(FILE *f)
{
	fprintf(f, "usage: duet serve [--config FILE] [--listen ADDR:PORT] [--db PATH] [--threads N]\n"
		   "                  [--tls-cert FILE --tls-key FILE] [--metrics-listen ADDR:PORT]\n"
		   "                  [--log-format text|json]\n\n"
		   "Serves duet over HTTP (or HTTPS) until SIGINT or SIGTERM; SIGHUP reloads\n"
		   "the TLS certificate.\n\n"
		   "  --config FILE       settings as key = value lines (default /etc/duet/duet.conf\n"
		   "                      when duet is installed and the file exists); the command\n"
		   "                      line wins over the environment, which wins over the file\n"
		   "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080, or $DUET_LISTEN);\n"
		   "                      port 0 picks a free port, printed on stderr\n"
		   "  --db PATH           the SQLite database file (default ./duet.db, or $DUET_DB);\n"
		   "                      created and migrated on start\n"
		   "  --threads N         worker threads (default: one per core, or $DUET_THREADS)\n"
		   "  --tls-cert FILE     serve HTTPS with this PEM certificate (chain) ...\n"
		   "  --tls-key FILE      ... and this PEM private key ($DUET_TLS_CERT, $DUET_TLS_KEY)\n"
		   "  --metrics-listen ADDR:PORT\n"
		   "                      serve Prometheus metrics at /metrics on this address\n"
		   "                      only (off by default, or $DUET_METRICS_LISTEN)\n"
		   "  --log-format FMT    request lines as text (default) or json ($DUET_LOG_FORMAT)\n\n"
		   "Environment: DUET_DATA (data folder), DUET_STATIC (static folder),\n"
		   "DUET_COOKIE_SECURE=1 or 0 (force Secure cookies on or off; on by itself with TLS),\n"
		   "DUET_QUIET=1 (no per-request log lines),\n"
		   "DUET_HELP_TEXT and DUET_HELP_URL (local help on the \"Feeling unsafe?\" page),\n"
		   "DUET_EXIT_URL (where the quick exit goes; default a neutral page, /kitchen),\n"
		   "DUET_PAGE_CACHE_MB (memory for kept pages, default 8; 0 turns the cache off),\n"
		   "DUET_DB_MAX_MB, DUET_PUBLIC_URL, DUET_SMTP_URL, DUET_SMTP_FROM, DUET_SMTP_USER,\n"
		   "DUET_SMTP_PASSWORD, DUET_SQL_TRACE,\n"
		   "DUET_REMIND_EVERY (seconds between sending due reminders, default 900; 0: never,\n"
		   "for `duet admin remind` from cron), DUET_PUSH_CONTACT (mailto: or https: address\n"
		   "given to Web Push services). In the file each is written in lower case\n"
		   "without DUET_, '-' for '_': page-cache-mb = 16.\n");
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
			return err_usage(e, "DUET_PAGE_CACHE_MB wants a number of megabytes from 0 to 1024");
	}
	if (pagecache_setup((size_t)mb << 20, 0) < 0)
		return err_set(e, 500, "no_memory", "could not set up the page cache");
	return 0;
}

/* How often duet serve sends due reminders, from DUET_REMIND_EVERY (seconds,
 * default 900; 0 turns it off for those who run `duet admin remind` from cron). */
static int remind_setup(int *every, struct err *e)
{
	const char *s = getenv("DUET_REMIND_EVERY");
	*every = 900;
	if (s && *s) {
		char *end;
		long n = strtol(s, &end, 10);
		if (*end || n < 0 || n > 7 * 86400)
			return err_set(e, 2, "usage",
				       "DUET_REMIND_EVERY wants a number of seconds from 0 to 604800");
		*every = (int)n;
	}
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

/* The options of `duet serve`, each a setting of config.h; NULL when absent. */
struct serve_opts {
	const char *listen, *db, *threads, *tls_cert, *tls_key, *metrics_listen, *log_format;
};

/* Fills o from argv; 0, 1 when --help was answered, -1 on a usage error. */
static int serve_args(int argc, char **argv, struct serve_opts *o)
{
	static const struct {
		const char *opt;
		size_t at;
	} map[] = {
		{ "--listen", offsetof(struct serve_opts, listen) },
		{ "--db", offsetof(struct serve_opts, db) },
		{ "--threads", offsetof(struct serve_opts, threads) },
		{ "--tls-cert", offsetof(struct serve_opts, tls_cert) },
		{ "--tls-key", offsetof(struct serve_opts, tls_key) },
		{ "--metrics-listen", offsetof(struct serve_opts, metrics_listen) },
		{ "--log-format", offsetof(struct serve_opts, log_format) },
		{ "--config", SIZE_MAX }, /* read before the others: cli_config_path */
	};
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			serve_usage(stdout);
			return 1;
		}
		size_t k = 0;
		while (k < ARRAY_LEN(map) && strcmp(argv[i], map[k].opt))
			k++;
		if (k == ARRAY_LEN(map) || i + 1 >= argc) {
			fprintf(stderr, k == ARRAY_LEN(map) ? "duet serve: unknown option '%s'\n\n"
							   : "duet serve: %s wants a value\n\n",
				argv[i]);
			serve_usage(stderr);
			return -1;
		}
		i++;
		if (map[k].at != SIZE_MAX)
			*(const char **)(void *)((char *)o + map[k].at) = argv[i];
	}
	return 0;
}

/* Resolves every setting: option, else environment (which the file filled). */
static int serve_settings(struct serve_opts *o, struct err *e)
{
	if (cli_setting("listen", o->listen, &o->listen, e) < 0 ||
	    cli_setting("db", o->db, &o->db, e) < 0 ||
	    cli_setting("threads", o->threads, &o->threads, e) < 0 ||
	    cli_setting("tls-cert", o->tls_cert, &o->tls_cert, e) < 0 ||
	    cli_setting("tls-key", o->tls_key, &o->tls_key, e) < 0 ||
	    cli_setting("metrics-listen", o->metrics_listen, &o->metrics_listen, e) < 0 ||
	    cli_setting("log-format", o->log_format, &o->log_format, e) < 0)
		return -1;
	if (!o->tls_cert != !o->tls_key)
		return err_usage(e, "TLS wants both a certificate (tls-cert) and its key "
					      "(tls-key)");
	if (!o->listen)
		o->listen = "127.0.0.1:8080";
	if (!o->db)
		o->db = "duet.db";
	return 0;
}

int cli_serve(int argc, char **argv)
{
	struct serve_opts o = { 0 };
	int a = serve_args(argc, argv, &o);
	if (a != 0)
		return a > 0 ? 0 : 2;
	struct err e = { 0 };
	if (cli_config_apply(cli_config_path(argc, argv), &e) < 0 || serve_settings(&o, &e) < 0) {
		fprintf(stderr, "duet serve: %s\n", e.msg);
		return err_exit_code(&e);
	}
	int threads = o.threads ? atoi(o.threads) : 0;
	if (o.log_format && !strcmp(o.log_format, "json"))
		log_set_format(LOG_JSON);
	const char *quiet = getenv("DUET_QUIET");
	if (quiet && !strcmp(quiet, "1"))
		log_set_requests(0);
	/* No core dumps: a dump would hold unlocked keys and private text. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	char sbuf[4096];
	int rc = 1;
	if (crypto_setup(threads > 0 ? threads : 2) < 0) {
		fprintf(stderr, "duet serve: could not start the crypto library\n");
		return 1;
	}
	home_parts = (struct home_parts){ couple_home_welcome, couple_home_first_week };
	if (area_setup(&e) < 0 || area_load(&e) < 0)
		goto out;
	/* After the catalogues: the scripts' words are prepared in each language. */
	if (static_load(static_dir(sbuf, sizeof sbuf), &e) < 0)
		goto out;
	events_kind_known = area_event_known;
	events_on_emit_hook = push_on_event; /* a partner's move queues their push (push.h) */
	events_watch_hook = counsel_event_watches; /* what a counsellor's stream carries */
	events_kind_bits = counsel_event_bits;
	if (db_setup(o.db, &e) < 0)
		goto out;
	if (cache_setup(&e) < 0)
		goto out;
	int remind_every;
	if (remind_setup(&remind_every, &e) < 0 || push_setup(&e) < 0 ||
	    push_send_start(&e) < 0 || reminder_sched_start(remind_every, &e) < 0)
		goto out;
	struct server_config cfg = { .listen = o.listen,
				     .threads = threads,
				     .tls_cert = o.tls_cert,
				     .tls_key = o.tls_key,
				     .metrics_listen = o.metrics_listen,
				     .hash_threads = threads > 0 ? threads : 2,
				     .add_guard = quota_check };
	cfg.routes = area_routes(&cfg.nroutes);
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
	watchdog_step("stopping the reminder scheduler");
	reminder_sched_stop();
	watchdog_step("stopping push delivery");
	push_send_stop();
	watchdog_step("closing the database");
	db_shutdown();
	area_unload();
	area_teardown();
	static_free();
	pagecache_free();
	watchdog_disarm();
	return rc == 0 ? 0 : err_exit_code(&e);
}
