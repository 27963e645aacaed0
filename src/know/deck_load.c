/* deck_load.c: finds, reads and merges the deck files (see deck_load.h). */
#include "deck_load.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/datadir.h"

static int is_deck_file(const struct dirent *de)
{
	size_t n = strlen(de->d_name);
	return de->d_name[0] != '.' && n > 5 && !strcmp(de->d_name + n - 5, ".deck");
}

/* Reads the file at `path` into `out` (capped one past DECK_FILE_MAX, so that
 * the parser names an oversized file). */
static int read_file(const char *path, const char *label, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 500, "bad_deck", "Could not open %s; check that it is readable.",
		               label);
	char chunk[8192];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(out, chunk, n) < 0)
			rc = err_set(e, 500, "bad_deck",
			             "%s is larger than %d bytes, the most a deck file may hold.",
			             label, DECK_FILE_MAX);
	if (rc == 0 && ferror(f))
		rc = err_set(e, 500, "bad_deck", "Could not read %s.", label);
	fclose(f);
	return rc;
}

struct deck *deck_load(const char *dir, struct err *e)
{
	char path[PATH_MAX];
	if (!dir) {
		if (datadir_path(path, sizeof path, "decks") < 0) {
			err_set(e, 500, "bad_deck", "The data folder's path is too long.");
			return NULL;
		}
		dir = path;
	}
	/* Messages name files as "<folder name>/<file>", e.g. "decks/dreams.deck". */
	const char *slash = strrchr(dir, '/');
	const char *folder = slash && slash[1] ? slash + 1 : dir;

	struct dirent **names = NULL;
	int n = scandir(dir, &names, is_deck_file, alphasort);
	if (n < 0) {
		err_set(e, 500, "bad_deck",
		        "Could not read the deck folder %s; check that it exists.", dir);
		return NULL;
	}
	struct deck **parts = calloc(n ? (size_t)n : 1, sizeof *parts);
	struct deck *all = NULL;
	struct buf text = BUF_INIT(DECK_FILE_MAX + 1);
	if (!parts) {
		err_set(e, 500, "no_memory", "Out of memory while reading the decks.");
		goto done;
	}
	if (n == 0) {
		err_set(e, 500, "bad_deck", "There are no deck files (*.deck) in %s.", dir);
		goto done;
	}
	for (int i = 0; i < n; i++) {
		char file[PATH_MAX], label[PATH_MAX];
		if (snprintf(file, sizeof file, "%s/%s", dir, names[i]->d_name) >=
		        (int)sizeof file ||
		    snprintf(label, sizeof label, "%s/%s", folder, names[i]->d_name) >=
		        (int)sizeof label) {
			err_set(e, 500, "bad_deck", "The path of %s is too long.",
			        names[i]->d_name);
			goto done;
		}
		buf_reset(&text);
		if (read_file(file, label, &text, e) < 0)
			goto done;
		parts[i] = deck_parse(label, text.data ? text.data : "", text.len, e);
		if (!parts[i])
			goto done;
	}
	all = deck_merge(parts, (size_t)n, e);
done:
	for (int k = 0; k < n; k++) {
		if (parts)
			deck_free(parts[k]);
		free(names[k]);
	}
	free(names);
	free(parts);
	buf_release(&text);
	return all;
}
