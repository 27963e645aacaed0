/* static.c: the stylesheet, scripts and icons, read once at start and served
 * from memory with an ETag and a Cache-Control header (see home.h); a few of
 * them also at the site's root, where browsers and the app shell look. Each file is
 * also gzip-compressed once at start, and that copy is sent to clients that
 * accept gzip, when it is smaller. Only these files are ever compressed: they
 * hold no secret, whereas a page holding a CSRF token next to text a stranger
 * can influence could leak the token through its compressed size (BREACH), so
 * pages are sent as they are. */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "home.h"
#include "lib/lang.h"
#include "util/buf.h"
#include "web/words.h"

#define STATIC_MAX_FILES 64
#define STATIC_MAX_BYTES (1 << 20)

struct static_file {
	char *name;
	char *data;
	size_t len;
	const char *ctype;
	char etag[24];
	char *gz;           /* the gzip copy, or NULL when it would not be smaller */
	size_t gz_len;
	char gz_etag[28];
	char *words[LANG_COUNT]; /* a script's data-words per language (words.h), or NULL */
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

/* Sets sf->gz to a gzip copy of sf->data when that is smaller; leaves it NULL
 * otherwise (or when memory is short: the file is then sent as it is). */
static void compress_one(struct static_file *sf)
{
	z_stream z = { 0 };
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16 /* gzip */, 9,
			 Z_DEFAULT_STRATEGY) != Z_OK)
		return;
	size_t cap = deflateBound(&z, sf->len);
	char *out = malloc(cap);
	if (out) {
		z.next_in = (unsigned char *)sf->data;
		z.avail_in = (uInt)sf->len;
		z.next_out = (unsigned char *)out;
		z.avail_out = (uInt)cap;
		if (deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < sf->len) {
			sf->gz = out;
			sf->gz_len = z.total_out;
			memcpy(sf->gz_etag, sf->etag, 17); /* the quote and 16 hex digits */
			memcpy(sf->gz_etag + 17, "-gz\"", 5);
			out = NULL;
		}
		free(out);
	}
	deflateEnd(&z);
}

/* 1 when the Accept-Encoding header accepts gzip (and not with q=0). */
static int accepts_gzip(const char *ae)
{
	for (const char *p = ae; p && (p = strstr(p, "gzip")); p += 4) {
		if ((p != ae && p[-1] != ' ' && p[-1] != ',') || (p[4] && p[4] != ',' && p[4] != ';' && p[4] != ' '))
			continue;
		const char *q = p + 4;
		while (*q == ' ')
			q++;
		if (*q == ';') {
			const char *v = strstr(q, "q=");
			const char *end = strchr(q, ',');
			if (v && (!end || v < end) && strtod(v + 2, NULL) <= 0)
				return 0;
		}
		return 1;
	}
	return 0;
}

/* A script's words in every language but English (web/words.h). */
static int prepare_words(struct static_file *sf, struct err *e)
{
	for (int lang = LANG_EN + 1; lang < LANG_COUNT; lang++) {
		struct buf b = BUF_INIT(STATIC_MAX_BYTES);
		if (words_attr(&b, sf->data, sf->len, lang, e) < 0) {
			buf_release(&b);
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			return err_set(e, 500, "words", "%s: %s", sf->name, msg);
		}
		if (b.len && !(sf->words[lang] = buf_detach(&b, NULL)))
			return err_set(e, 500, "no_memory", "out of memory");
	}
	return 0;
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
	compress_one(sf);
	nfiles++;
	return strcmp(ctype, type_of(".js")) ? 0 : prepare_words(sf, e);
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
		free(files[i].gz);
		files[i].gz = NULL;
		for (int lang = 0; lang < LANG_COUNT; lang++) {
			free(files[i].words[lang]);
			files[i].words[lang] = NULL;
		}
	}
	nfiles = 0;
}

/* The loaded file called name, or NULL. */
static const struct static_file *file_named(const char *name)
{
	for (size_t i = 0; i < nfiles; i++)
		if (!strcmp(files[i].name, name))
			return &files[i];
	return NULL;
}

const char *static_words(const char *name, int lang)
{
	const struct static_file *sf = lang > LANG_EN && lang < LANG_COUNT ? file_named(name) : NULL;
	return sf && sf->words[lang] ? sf->words[lang] : "";
}

/* Answers with the file called name, or 404. */
static int serve_file(struct req *r, const char *name, const char *cache_control)
{
	const struct static_file *sf = file_named(name);
	if (!sf)
		return req_fail(r, 404, "not_found", "There is no such file.");
	int gz = sf->gz && accepts_gzip(req_header(r, "Accept-Encoding"));
	const char *etag = gz ? sf->gz_etag : sf->etag;
	if (req_add_header(r, "ETag", etag) < 0 ||
	    req_add_header(r, "Cache-Control", cache_control) < 0 ||
	    (sf->gz && req_add_header(r, "Vary", "Accept-Encoding") < 0) ||
	    (gz && req_add_header(r, "Content-Encoding", "gzip") < 0))
		return req_fail(r, 500, "headers", "too many headers");
	const char *inm = req_header(r, "If-None-Match");
	if (inm && !strcmp(inm, etag))
		return resp_empty(r, 304);
	r->status = 200;
	r->ctype = sf->ctype;
	buf_reset(&r->out);
	if (buf_append(&r->out, gz ? sf->gz : sf->data, gz ? sf->gz_len : sf->len) < 0)
		return req_fail(r, 500, "too_large", "too large");
	return 0;
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
