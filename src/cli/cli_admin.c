/* cli_admin.c: `duet admin …`, the operator's commands. There is deliberately
 * no command that shows a person's private content. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "account/account_store.h"
#include "cli.h"
#include "http/pagecache_store.h"
#include "store/db.h"
#include "util/log.h"
#include "trust/reminder.h"
#include "util/i18n.h"

static void admin_usage(FILE *f)
{
	fprintf(f, "usage: duet admin [--config FILE] [--db PATH] COMMAND\n\n"
		   "  users          list accounts: id, login, name, kind, couple, created\n"
		   "  backup FILE    copy the database to FILE (safe while duet is serving)\n"
		   "  restore FILE [--force]\n"
		   "                 check FILE and copy it over the database; --force is needed\n"
		   "                 when a database already exists there (its content is replaced)\n"
		   "  remind         send the email reminders that are due (run it from cron,\n"
		   "                 e.g. hourly); needs DUET_SMTP_URL and DUET_SMTP_FROM\n\n"
		   "--db defaults to ./duet.db, or $DUET_DB, or db in the configuration file\n"
		   "(--config FILE; /etc/duet/duet.conf when duet is installed).\n");
}

static void print_user(void *ctx, int64_t id, const char *login, const char *name,
		       const char *kind, int64_t created_at, int64_t couple_id)
{
	(void)ctx;
	char when[32] = "";
	time_t t = (time_t)created_at;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(when, sizeof when, "%Y-%m-%d", &tm);
	char couple[24] = "-";
	if (couple_id)
		snprintf(couple, sizeof couple, "%" PRId64, couple_id);
	char safe_login[256], safe_name[512];
	log_escape(safe_login, sizeof safe_login, login);
	log_escape(safe_name, sizeof safe_name, name);
	printf("%-6" PRId64 " %-20s %-24s %-10s %-7s %s\n", id, safe_login, safe_name, kind, couple,
	       when);
}

/* `duet admin remind`: email reminders (trust/reminder.h). Exit 1 when email
 * is not configured or a message could not be sent. */
static int admin_remind(const char *dbpath)
{
	struct err e = { 0 };
	struct mail_config mc;
	int sent = 0, failed = 0;
	int on = mail_config_env(&mc, &e);
	if (on <= 0) {
		fprintf(stderr, "duet admin remind: %s\n",
			on < 0 ? e.msg : "email is not set up: set DUET_SMTP_URL and DUET_SMTP_FROM");
		return 1;
	}
	/* The emails speak each person's language: the catalogues first. */
	int rc = i18n_load(NULL, &e) < 0 || db_setup(dbpath, &e) < 0
	             ? -1
	             : reminder_run(&mc, stderr, &sent, &failed, &e);
	db_shutdown();
	i18n_unload();
	if (rc < 0) {
		fprintf(stderr, "duet admin remind: %s\n", e.msg);
		return 1;
	}
	fprintf(stderr, "duet admin remind: sent %d reminder%s, %d failed\n", sent,
		sent == 1 ? "" : "s", failed);
	return failed ? 1 : 0;
}

int cli_admin(int argc, char **argv)
{
	struct err ce = { 0 };
	if (cli_config_apply(cli_config_path(argc, argv), &ce) < 0) {
		fprintf(stderr, "duet admin: %s\n", ce.msg);
		return 1;
	}
	const char *dbpath = getenv("DUET_DB");
	if (!dbpath || !*dbpath)
		dbpath = "duet.db";
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			admin_usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			dbpath = argv[++i];
		} else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			i++; /* applied above */
		} else {
			fprintf(stderr, "duet admin: unknown option '%s'\n\n", argv[i]);
			admin_usage(stderr);
			return 2;
		}
	}
	if (i >= argc) {
		admin_usage(stderr);
		return 2;
	}
	const char *cmd = argv[i];
	struct err e = { 0 };
	if (!strcmp(cmd, "users") && i + 1 == argc) {
		struct db *db;
		if (db_setup(dbpath, &e) < 0 || !(db = db_get(&e))) {
			fprintf(stderr, "duet admin users: %s\n", e.msg);
			db_shutdown();
			return 1;
		}
		printf("%-6s %-20s %-24s %-10s %-7s %s\n", "id", "login", "name", "kind", "couple",
		       "created");
		int rc = acct_each(db, print_user, NULL, &e);
		db_shutdown();
		if (rc < 0) {
			fprintf(stderr, "duet admin users: %s\n", e.msg);
			return 1;
		}
		return 0;
	}
	if (!strcmp(cmd, "backup") && i + 2 == argc) {
		FILE *probe = fopen(dbpath, "rb");
		if (!probe) {
			fprintf(stderr, "duet admin backup: there is no database at %s\n", dbpath);
			return 1;
		}
		fclose(probe);
		if (db_backup(dbpath, argv[i + 1], &e) < 0) {
			fprintf(stderr, "duet admin backup: %s\n", e.msg);
			return 1;
		}
		fprintf(stderr, "duet admin backup: copied %s to %s\n", dbpath, argv[i + 1]);
		return 0;
	}
	if (!strcmp(cmd, "restore") && (i + 2 == argc || (i + 3 == argc &&
							 !strcmp(argv[i + 2], "--force")))) {
		const char *src = argv[i + 1];
		int force = i + 3 == argc;
		if (db_is_postgres(dbpath)) {
			fprintf(stderr, "duet admin restore: for PostgreSQL, use pg_restore\n");
			return 1;
		}
		if (db_check_file(src, &e) < 0) {
			fprintf(stderr, "duet admin restore: %s; nothing was changed\n", e.msg);
			return 1;
		}
		struct stat st;
		if (stat(dbpath, &st) == 0 && st.st_size > 0 && !force) {
			fprintf(stderr,
				"duet admin restore: %s already holds a database. Restoring replaces "
				"everything in it with %s; run again with --force to do that (take a "
				"backup first).\n",
				dbpath, src);
			return 1;
		}
		if (db_backup(src, dbpath, &e) < 0) {
			fprintf(stderr, "duet admin restore: %s\n", e.msg);
			return 1;
		}
		/* A server still running on this file must not serve pages it kept
		 * from before: a fresh epoch makes every one of them stale. */
		struct db *db;
		if (db_setup(dbpath, &e) < 0 || !(db = db_get(&e)) || pagecache_epoch_bump(db, 1, &e) < 0)
			fprintf(stderr, "duet admin restore: warning: %s; restart duet serve\n", e.msg);
		db_shutdown();
		fprintf(stderr, "duet admin restore: restored %s from %s\n", dbpath, src);
		return 0;
	}
	if (!strcmp(cmd, "remind") && i + 1 == argc)
		return admin_remind(dbpath);
	fprintf(stderr, "duet admin: unknown command or wrong arguments: '%s'\n\n", cmd);
	admin_usage(stderr);
	return 2;
}
