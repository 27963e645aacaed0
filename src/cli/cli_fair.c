/* cli_fair.c: `duet fair-split` and `duet choose`, the negotiation methods as
 * pure tools: a JSON request on stdin, a JSON answer on stdout
 * (see negotiate/fair_json.h and docs/internals/fair.md). */
#include "cli.h"

#include <string.h>

#include <jansson.h>

#include "negotiate/fair_json.h"

#define FAIR_INPUT_MAX (64 * 1024)

static const char split_usage[] =
	"usage: duet fair-split < split.json\n"
	"\n"
	"Splits a decision fairly between two partners (the Adjusted Winner method).\n"
	"Each partner spreads exactly 100 points, in whole numbers, over the issues\n"
	"at stake (2 to 50 of them). Each issue goes to one partner and at most one\n"
	"is shared, so that both end with the same total in their own points and\n"
	"neither would swap their share for the other's.\n"
	"\n"
	"input (stdin):\n"
	"  {\"items\":[{\"name\":\"Home\",\"a\":20,\"b\":30}, ...]}\n"
	"output (stdout):\n"
	"  {\"allocation\":[{\"name\":\"Home\",\"a\":\"0\",\"b\":\"1\",\n"
	"                  \"a_share\":0.0,\"b_share\":1.0}, ...],\n"
	"   \"a_total\":\"170/3\",\"b_total\":\"170/3\",\n"
	"   \"a_points\":56.666667,\"b_points\":56.666667,\"split\":\"Retirement\"}\n"
	"  \"a\" and \"b\" are each partner's part of an issue as an exact fraction, with\n"
	"  the same rounded to 6 places beside them; \"split\" names the one shared\n"
	"  issue, or is null.\n"
	"\n"
	"Exits 0 when done, 1 when the input has a problem (said on stderr), 2 on a\n"
	"usage error.\n";

static const char choose_usage[] =
	"usage: duet choose < choice.json\n"
	"\n"
	"Proposes the fairest of several options (the Nash bargaining choice). Each\n"
	"partner rates every option, and having no agreement at all, from 0 to 10 in\n"
	"whole numbers (2 to 20 options). Among the options both rate above no\n"
	"agreement, duet proposes the one whose two gains, multiplied together, are\n"
	"largest; a tie goes to the option whose smaller gain is larger, then to the\n"
	"one listed first.\n"
	"\n"
	"input (stdin):\n"
	"  {\"options\":[{\"name\":\"Lisbon\",\"a\":8,\"b\":2}, ...],\n"
	"   \"status_quo\":{\"a\":0,\"b\":0}}\n"
	"output (stdout):\n"
	"  {\"choice\":\"Lisbon\",\"gains\":{\"a\":8,\"b\":2},\"product\":16,\n"
	"   \"ranking\":[{\"name\":\"Lisbon\",\"product\":16}, ...],\"reason\":\"...\"}\n"
	"  \"ranking\" lists the options both gain from, best first; \"choice\", \"gains\"\n"
	"  and \"product\" are null when no option is better than no agreement for both.\n"
	"\n"
	"Exits 0 when done, 1 when the input has a problem (said on stderr), 2 on a\n"
	"usage error.\n";

/* Reads the request, solves it and prints the answer; the exit code. */
static int run(int argc, char **argv, const char *usage,
	       json_t *(*solve)(const json_t *in, struct err *e))
{
	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return 0;
	}
	if (argc > 1) {
		fprintf(stderr, "duet %s: unexpected argument '%s'\n\n%s", argv[0], argv[1], usage);
		return 2;
	}
	struct buf text = BUF_INIT(FAIR_INPUT_MAX);
	struct err e = { 0 };
	if (cli_read_input(stdin, &text, "the input", &e) < 0) {
		buf_release(&text);
		fprintf(stderr, "duet %s: %s\n", argv[0], e.msg);
		return 1;
	}
	json_error_t je; /* NUL is let through so that fair_json names the issue it is in */
	json_t *in = json_loadb(text.data, text.len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
	buf_release(&text);
	if (!in) {
		fprintf(stderr, "duet %s: the input is not valid JSON (line %d, column %d: %s)\n",
			argv[0], je.line, je.column, je.text);
		return 1;
	}
	json_t *out = solve(in, &e);
	json_decref(in);
	if (!out) {
		fprintf(stderr, "duet %s: %s\n", argv[0], e.msg);
		return 1;
	}
	int rc = json_dumpf(out, stdout, FAIR_JSON_DUMP_FLAGS);
	json_decref(out);
	if (rc < 0 || putchar('\n') == EOF || fflush(stdout) == EOF) {
		fprintf(stderr, "duet %s: could not write the answer\n", argv[0]);
		return 1;
	}
	return 0;
}

int cli_fair_split(int argc, char **argv)
{
	return run(argc, argv, split_usage, fair_split_json);
}

int cli_choose(int argc, char **argv)
{
	return run(argc, argv, choose_usage, fair_choose_json);
}
