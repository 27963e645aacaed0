/* catalogue_load.c: the difference catalogue from files (see catalogue_load.h). */
#include "catalogue_load.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/datadir.h"

typedef char file_name[NAME_MAX + 1];

static int cmp_names(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* 1 for a visible file name ending in ".tsv". */
static int is_catalogue_file(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".tsv") == 0;
}

/* Lists the catalogue files of `dir`, sorted; returns their count or -1. */
static int list_files(const char *dir, file_name *names, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, 500, "catalogue", "cannot open the catalogue folder %s: %s", dir,
		               strerror(errno));
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!is_catalogue_file(de->d_name))
			continue;
		if (n == CATALOGUE_LOAD_FILES_MAX) {
			closedir(d);
			return err_set(e, 500, "catalogue", "%s holds more than %d .tsv files", dir,
			               CATALOGUE_LOAD_FILES_MAX);
		}
		snprintf(names[n++], sizeof(file_name), "%s", de->d_name);
	}
	closedir(d);
	if (n == 0)
		return err_set(e, 500, "catalogue",
		               "no catalogue files (*.tsv) in %s; is the data folder installed?",
		               dir);
	qsort(names, (size_t)n, sizeof(file_name), cmp_names);
	return n;
}

/* Reads one whole file into `out` (initialised with the size cap). */
static int read_file(const char *path, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 500, "catalogue", "cannot open %s: %s", path, strerror(errno));
	char chunk[8192];
	size_t n;
	int rc = 0;
	while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(out, chunk, n) < 0)
			rc = err_set(e, 500, "catalogue", "%s is larger than 1 MiB", path);
	if (rc == 0 && ferror(f))
		rc = err_set(e, 500, "catalogue", "cannot read %s", path);
	fclose(f);
	return rc;
}

struct catalogue *catalogue_load_dir(const char *dir, struct err *e)
{
	file_name *names = malloc(CATALOGUE_LOAD_FILES_MAX * sizeof *names);
	struct catalogue *c = catalogue_new();
	struct buf text = BUF_INIT(CATALOGUE_FILE_MAX);
	int n = -1;
	if (!names || !c) {
		err_set(e, 500, "no_memory", "out of memory while loading the catalogue");
		goto fail;
	}
	if ((n = list_files(dir, names, e)) < 0)
		goto fail;
	for (int i = 0; i < n; i++) {
		char path[PATH_MAX];
		if (snprintf(path, sizeof path, "%s/%s", dir, names[i]) >= (int)sizeof path) {
			err_set(e, 500, "catalogue", "the path of %s is too long", names[i]);
			goto fail;
		}
		buf_reset(&text);
		if (read_file(path, &text, e) < 0 ||
		    catalogue_add(c, path, text.data ? text.data : "", text.len, e) < 0)
			goto fail;
	}
	if (c->nitems == 0) {
		err_set(e, 500, "catalogue", "the catalogue files in %s hold no items", dir);
		goto fail;
	}
	buf_release(&text);
	free(names);
	return c;
fail:
	buf_release(&text);
	free(names);
	catalogue_free(c);
	return NULL;
}

struct catalogue *catalogue_load(struct err *e)
{
	char dir[PATH_MAX];
	if (datadir_path(dir, sizeof dir, "differences") < 0) {
		err_set(e, 500, "catalogue", "the data folder's path is too long");
		return NULL;
	}
	return catalogue_load_dir(dir, e);
}
