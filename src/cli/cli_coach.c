/* cli_coach.c: `duet coach`, the message coach on standard input (prints JSON). */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/coach_data.h"
#include "coach/coach_json.h"
#include "coach/coach.h"
#include "util/datadir.h"
#include "util/wipe.h"

static void usage(FILE *f)
{
	fprintf(
	    f,
	    "usage: duet coach [--lang LANG] < message.txt\n\n"
	    "Reads one message (UTF-8, at most %d bytes) and prints, as JSON, what in it\n"
	    "tends to hurt a conversation, with byte offsets and a suggestion for each,\n"
	    "and which parts of an apology it holds:\n"
	    "  {\"findings\":[{\"kind\",\"start\",\"end\",\"excerpt\",\"advice\",\"rewrite\"}],\n"
	    "   \"apology\":{\"components\":[...],\"missing\":[...]} or null}\n"
	    "(\"apology\" is null for a message that does not apologise)\n\n"
	    "  --lang LANG   the lexicon in DATA/coach/LANG (default: en)\n",
	    COACH_MAX_INPUT);
}

/* A language code: letters, then optionally "-" and letters or digits ("en", "pt-br"). */
static int valid_lang(const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || n > 16 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

static int fail(const char *msg)
{
	fprintf(stderr, "duet coach: %s\n", msg);
	return 1;
}

int cli_coach(int argc, char **argv)
{
	const char *lang = "en";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
		if (!strcmp(argv[i], "--lang") && i + 1 < argc && valid_lang(argv[i + 1])) {
			lang = argv[++i];
			continue;
		}
		fprintf(stderr, "duet coach: %s '%s'\n\n",
		        strcmp(argv[i], "--lang") ? "unknown option"
		                                  : "expected a language code after",
		        argv[i]);
		usage(stderr);
		return 2;
	}
	char rel[64], dir[4096];
	snprintf(rel, sizeof rel, "coach/%s", lang);
	if (datadir_path(dir, sizeof dir, rel) < 0)
		return fail("the data folder's name is too long");

	struct err e = {0};
	struct buf in = BUF_INIT(COACH_MAX_INPUT);
	if (cli_read_input(stdin, &in, "the message", &e) < 0)
		return fail(e.msg);
	struct coach *c = coach_load(dir, &e);
	if (!c) {
		buf_release(&in);
		return fail(e.msg);
	}
	struct coach_result r;
	int rc = coach_analyse(c, in.data, in.len, &r);
	json_t *j = rc == 0 ? coach_result_json(&r, in.data) : NULL;
	char *s = j ? json_dumps(j, JSON_COMPACT) : NULL;
	if (s)
		puts(s);
	wipe_free(s);
	json_decref(j);
	coach_free(c);
	buf_release(&in);
	return s ? 0 : fail(rc < 0 ? "the message could not be read" : "out of memory");
}
