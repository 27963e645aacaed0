/* main.c: the `duet` command line. Parses the command and calls the module that
 * does it. Exit codes: 0 success, 1 failure, 2 usage. */
#include <stdio.h>
#include <sys/stat.h>
#include <string.h>

#include "cli/cli.h"
#include "util/common.h"

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
	{ "serve", cli_serve, "serve the web application (the main job)" },
	{ "admin", cli_admin, "operator tasks: list users, back up the database" },
	{ "fair-split", cli_fair_split, "split a decision's issues fairly (Adjusted Winner)" },
	{ "choose", cli_choose, "propose the fairest of several options (Nash bargaining)" },
	{ "coach", cli_coach, "point out what may hurt in a message, and the parts of an apology" },
	{ NULL, NULL, NULL },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: duet COMMAND [OPTIONS]\n\n"
		   "duet is a private, self-hosted place for two partners to do the work of\n"
		   "intimacy together.\n\ncommands:\n");
	for (size_t i = 0; commands[i].name; i++)
		fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n  duet COMMAND --help   describes one command\n"
		   "  duet --version        prints the version\n");
}

int main(int argc, char **argv)
{
	/* Everything duet creates (the database, its WAL and shared memory,
	 * backups, secrets) is readable by its owner alone. */
	umask(077);
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("duet %s\n", DUET_VERSION);
		return 0;
	}
	for (size_t i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "duet: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 2;
}
