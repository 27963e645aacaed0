/* static.c: the stylesheet and icons, read once at start and served from
 * memory with an ETag and a Cache-Control header (see home.h). Text files are
 * also kept gzip-compressed, and sent so to browsers that accept it (a slow
 * phone network then carries a fraction of the stylesheet and scripts). */
#include <dirent.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "home.h"
#include "util/buf.h"

#define STATIC_MAX_FILES 32
#define STATIC_MAX_BYTES (1 << 20)

struct static_file {
	char *name;
	char *data;
	size_t len;
	const char *ctype;
	char etag[24];
	char *gz;          /* gzip form, or NULL when it would not be smaller */
	size_t gz_len;
	char gz_etag[28];
};

/* The gzip form of data[0..len) (malloc'd), or NULL when it is no smaller or
 * memory runs out: then the file is only ever sent as it is. */
static char *gzip_of(const char *data, size_t len, size_t *out_len)
{
	z_stream z = {0};
	if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	size_t cap = deflateBound(&z, (uLong)len);
	char *out = malloc(cap);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out;
	z.avail_out = (uInt)cap;
	int ok = out && deflate(&z, Z_FINISH) == Z_STREAM_END && z.total_out < len;
	*out_len = z.total_out;
	deflateEnd(&z);
	if (!ok) {
		free(out);
		return NULL;
	}
	return out;
}

/* 1 when the request's Accept-Encoding names gzip (and does not refuse it). */
static int accepts_gzip(struct req *r)
{
	const char *ae = req_header(r, "Accept-Encoding");
	const char *g = ae ? strstr(ae, "gzip") : NULL;
	return g && strncmp(g + 4, ";q=0", 4) != 0;
}

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
	return NULL;
}

static int load_one(const char *dir, const char *name, struct err *e)
{
	const char *ctype = type_of(name);
	if (!ctype || nfiles == STATIC_MAX_FILES)
		return 0;
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, 1, "io", "could not read %s", path);
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
		return err_set(e, 1, "io", "could not read %s (or it is over 1 MiB)", path);
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
		return err_set(e, 1, "no_memory", "out of memory");
	sf->gz = strncmp(ctype, "image/png", 9) ? gzip_of(sf->data, sf->len, &sf->gz_len) : NULL;
	snprintf(sf->gz_etag, sizeof sf->gz_etag, "\"%s-gz\"", hex);
	nfiles++;
	return 0;
}

int static_load(const char *dir, struct err *e)
{
	DIR *d = opendir(dir);
	if (!d)
		return err_set(e, 1, "io", "could not open the static folder %s", dir);
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
	}
	nfiles = 0;
}

int static_serve(struct req *r)
{
	const char *name = r->params[0];
	for (size_t i = 0; i < nfiles; i++) {
		if (strcmp(files[i].name, name))
			continue;
		const struct static_file *f = &files[i];
		int gz = f->gz && accepts_gzip(r);
		const char *etag = gz ? f->gz_etag : f->etag;
		if (req_add_header(r, "ETag", etag) < 0 ||
		    req_add_header(r, "Cache-Control", "public, max-age=3600") < 0 ||
		    (f->gz && req_add_header(r, "Vary", "Accept-Encoding") < 0) ||
		    (gz && req_add_header(r, "Content-Encoding", "gzip") < 0))
			return req_fail(r, 500, "headers", "too many headers");
		const char *inm = req_header(r, "If-None-Match");
		if (inm && !strcmp(inm, etag))
			return resp_empty(r, 304);
		r->status = 200;
		r->ctype = f->ctype;
		buf_reset(&r->out);
		if (buf_append(&r->out, gz ? f->gz : f->data, gz ? f->gz_len : f->len) < 0)
			return req_fail(r, 500, "too_large", "too large");
		return 0;
	}
	return req_fail(r, 404, "not_found", "There is no such file.");
}
