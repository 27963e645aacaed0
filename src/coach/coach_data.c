/* coach_data.c: reading a coach lexicon's files from disk (see coach_data.h); the
 * parsing itself is pure and lives in coach/coach_lexicon.c. */
#include "coach/coach_data.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "coach/coach_lexicon.h"
#include "util/buf.h"

#define COACH_FILE_MAX (1u << 20)

static const char *const coach_files[] = {"words.tsv", "findings.tsv", "apology.tsv", "advice.tsv"};

static int read_file(const char *path, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 500, "lexicon", "could not read %s: %s", path, strerror(errno));
	char chunk[8192];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(out, chunk, n) < 0)
			rc = err_set(e, 500, "lexicon", "%s is larger than %u bytes", path,
			             COACH_FILE_MAX);
	if (rc == 0 && ferror(f))
		rc = err_set(e, 500, "lexicon", "could not read %s", path);
	fclose(f);
	return rc;
}

struct coach *coach_load(const char *dir, struct err *e)
{
	struct coach *c = coach_lexicon_new();
	if (!c) {
		err_set(e, 500, "no_memory", "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < ARRAY_LEN(coach_files); i++) {
		char path[4096];
		int n = snprintf(path, sizeof path, "%s/%s", dir, coach_files[i]);
		struct buf text = BUF_INIT(COACH_FILE_MAX);
		int rc = (n < 0 || (size_t)n >= sizeof path)
		             ? err_set(e, 500, "lexicon", "the lexicon folder name is too long")
		             : read_file(path, &text, e);
		if (rc == 0)
			rc = coach_lexicon_parse(c, path, text.data ? text.data : "", text.len, e);
		buf_release(&text);
		if (rc < 0) {
			coach_lexicon_free(c);
			return NULL;
		}
	}
	if (coach_lexicon_finish(c, dir, e) < 0) {
		coach_lexicon_free(c);
		return NULL;
	}
	return c;
}

void coach_free(struct coach *c)
{
	coach_lexicon_free(c);
}
