/* static.c: the stylesheet, scripts and icons, read once at start and served
 * from memory with an ETag and a Cache-Control header (see home.h); a few of
 * them also at the site's root, where browsers and the app shell look. */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "home.h"
#include "util/buf.h"

#define STATIC_MAX_FILES 64
#define STATIC_MAX_BYTES (1 << 20)

struct static_file {
	char *name;
	char *data;
	size_t len;
	const char *ctype;
	char etag[24];
};

static struct static_file files[STATIC_MAX_FILES];
static size_t nfiles;

static const char *type_of(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot)
		return NULL;
	if (!strcmp(dot, ".css"))
		return "text/css; charset=utf-8";
	if (!strcmp(dot, ".svg"))
		return "image/svg+xml";
	if (!strcmp(dot, ".js"))
		return "text/javascript; charset=utf-8";
	if (!strcmp(dot, ".png"))
		return "image/png";
	if (!strcmp(dot, ".txt"))
		return "text/plain; charset=utf-8";
	if (!strcmp(dot, ".html"))
		return "text/html; charset=utf-8";
	if (!strcmp(dot, ".ico"))
		return "image/x-icon";
	if (!strcmp(dot, ".webmanifest"))
		return "application/manifest+json";
	return NULL;
}

static int load_one(const char *dir, const char *name, struct err *e)
{
	const char *ctype = type_of(name);
	if (!ctype)
		return 0;
	if (nfiles == STATIC_MAX_FILES) /* never drop a file without saying so */
		return err_set(e, 1, "io", "the static folder %s has more than %d files", dir,
			       STATIC_MAX_FILES);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 500, "io", "could not read %s", path);
	struct buf b = BUF_INIT(STATIC_MAX_BYTES);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(&b, chunk, n) < 0)
			break;
	int bad = ferror(f) || !buf_ok(&b);
	fclose(f);
	if (bad) {
		buf_release(&b);
		return err_set(e, 500, "io", "could not read %s (or it is over 1 MiB)", path);
	}
	struct static_file *sf = &files[nfiles];
	sf->data = buf_detach(&b, &sf->len);
	sf->name = strdup(name);
	sf->ctype = ctype;
	unsigned char hash[8];
	crypto_generichash(hash, sizeof hash, (const unsigned char *)sf->data, sf->len, NULL, 0);
	char hex[17];
	sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
	snprintf(sf->etag, sizeof sf->etag, "\"%s\"", hex);
	if (!sf->data || !sf->name)
		return err_set(e, 500, "no_memory", "out of memory");
	nfiles++;
	return 0;
}

int static_load(const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, 500, "io", "could not open the static folder %s", dir);
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(d)))
		if (de->d_name[0] != '.')
			rc = load_one(dir, de->d_name, e);
	closedir(d);
	return rc;
}

void static_free(void)
{
	for (size_t i = 0; i < nfiles; i++) {
		free(files[i].name);
		free(files[i].data);
	}
	nfiles = 0;
}

/* Answers with the file called name, or 404. */
static int serve_file(struct req *r, const char *name, const char *cache_control)
{
	for (size_t i = 0; i < nfiles; i++) {
		if (strcmp(files[i].name, name))
			continue;
		if (req_add_header(r, "ETag", files[i].etag) < 0 ||
		    req_add_header(r, "Cache-Control", cache_control) < 0)
			return req_fail(r, 500, "headers", "too many headers");
		const char *inm = req_header(r, "If-None-Match");
		if (inm && !strcmp(inm, files[i].etag))
			return resp_empty(r, 304);
		r->status = 200;
		r->ctype = files[i].ctype;
		buf_reset(&r->out);
		if (buf_append(&r->out, files[i].data, files[i].len) < 0)
			return req_fail(r, 500, "too_large", "too large");
		return 0;
	}
	return req_fail(r, 404, "not_found", "There is no such file.");
}

int static_serve(struct req *r)
{
	return serve_file(r, r->params[0], "public, max-age=3600");
}

/* Files answered at the root, by path. The service worker must live at /sw.js
 * for its scope to be the whole site, and is checked afresh on every visit so
 * that a new one takes over at once. */
static const struct {
	const char *path, *file, *cache_control;
} root_files[] = {
	{ "/manifest.webmanifest", "manifest.webmanifest", "public, max-age=3600" },
	{ "/sw.js", "sw.js", "no-cache" },
	{ "/offline", "offline.html", "no-cache" },
	{ "/favicon.ico", "favicon.ico", "public, max-age=86400" },
	{ "/apple-touch-icon.png", "apple-touch-icon.png", "public, max-age=86400" },
	{ "/apple-touch-icon-precomposed.png", "apple-touch-icon.png", "public, max-age=86400" },
};

int static_root(struct req *r)
{
	for (size_t i = 0; i < ARRAY_LEN(root_files); i++)
		if (!strcmp(r->path, root_files[i].path))
			return serve_file(r, root_files[i].file, root_files[i].cache_control);
	return req_fail(r, 404, "not_found", "There is no such file.");
}
