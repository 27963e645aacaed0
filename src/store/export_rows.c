/* export_rows.c: rows of a store query as JSON (see export_rows.h). */
#include "export_rows.h"
#include "crypto/spill.h"

#include "lib/reveal.h"

#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

const char *export_who_word(const struct export_who *who, int64_t id, int is_null)
{
	if (!is_null && id == who->me)
		return "me";
	if (!is_null && who->partner && id == who->partner)
		return "partner";
	return "a former partner";
}

static json_t *time_value(int64_t t, const char *fmt)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char buf[32];
	if (!gmtime_r(&tt, &tm) || !strftime(buf, sizeof buf, fmt, &tm))
		return json_null();
	return json_string(buf);
}

json_t *export_row(struct db_stmt *st, const char *spec, const struct export_who *who)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	const char *p = spec;
	int col = 0;
	while (*p) {
		const char *colon = strchr(p, ':');
		if (!colon)
			break;
		char name[48];
		size_t n = (size_t)(colon - p);
		if (n >= sizeof name)
			n = sizeof name - 1;
		memcpy(name, p, n);
		name[n] = '\0';
		char type = colon[1];
		int null = db_col_is_null(st, col);
		json_t *v = NULL;
		switch (type) {
		case 'i':
			v = null ? json_null() : json_integer(db_col_int(st, col));
			break;
		case 's':
			v = null ? json_null() : json_string(db_col_text(st, col));
			break;
		case 't':
			v = null ? json_null()
			         : time_value(db_col_int(st, col), "%Y-%m-%dT%H:%M:%SZ");
			break;
		case 'd':
			v = null ? json_null() : time_value(db_col_int(st, col), "%Y-%m-%d");
			break;
		case 'b':
			v = json_boolean(!null && db_col_int(st, col) != 0);
			break;
		case 'u':
			v = null ? json_null()
			         : json_string(export_who_word(who, db_col_int(st, col), 0));
			break;
		case 'w':
			v = json_string(export_who_word(who, null ? 0 : db_col_int(st, col), null));
			break;
		default:
			break;
		}
		if (type != '-' && (!v || json_object_set_new(o, name, v) < 0)) {
			json_decref(o);
			return NULL;
		}
		col++;
		p = colon + 2;
		if (*p == ',')
			p++;
	}
	return o;
}

/* ---- the streamed document ---- */

static int out_fail(struct export_out *o, struct err *e)
{
	o->failed = 1;
	buf_release(&o->pending);
	return err_set(e, 500, "no_room", "There is no room to prepare your export now.");
}

/* Appends one character; a failure is reported by the next check or flush. */
static void out_c(struct export_out *o, char c)
{
	if (buf_putc(&o->pending, c) < 0)
		o->failed = 1;
}

/* Writes out what is pending. */
static int out_flush(struct export_out *o, struct err *e)
{
	if (o->failed || !buf_ok(&o->pending))
		return out_fail(o, e);
	if (spill_write(o->spill, o->pending.data, o->pending.len) < 0)
		return out_fail(o, e);
	buf_reset(&o->pending);
	return 0;
}

/* After appends to pending: checks them and flushes past the threshold. */
static int out_check(struct export_out *o, struct err *e)
{
	if (o->failed || !buf_ok(&o->pending))
		return out_fail(o, e);
	return o->pending.len >= EXPORT_OUT_FLUSH ? out_flush(o, e) : 0;
}

static int append_cb(const char *p, size_t n, void *b)
{
	return buf_append(b, p, n);
}

/* Appends v as compact JSON (steals v). */
static int out_json(struct export_out *o, json_t *v, struct err *e)
{
	if (!v)
		return out_fail(o, e);
	int rc = json_dump_callback(v, append_cb, &o->pending,
	                            JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
	json_decref(v);
	return rc == 0 ? 0 : out_fail(o, e);
}

void export_out_begin(struct export_out *o, struct spill *s)
{
	*o = (struct export_out){.spill = s};
	/* room for one flush's worth plus the largest row (texts are capped) */
	buf_init(&o->pending, 16 * EXPORT_OUT_FLUSH);
	out_c(o, '{');
}

void export_out_release(struct export_out *o)
{
	buf_release(&o->pending);
}

static void close_list(struct export_out *o)
{
	if (o->in_list)
		out_c(o, ']');
	o->in_list = 0;
}

/* Closes an open list and writes `,"key":`. */
static int out_key(struct export_out *o, const char *key, struct err *e)
{
	if (o->failed)
		return -1;
	close_list(o);
	if (o->keys++)
		out_c(o, ',');
	json_t *k = json_string(key);
	if (out_json(o, k, e) < 0)
		return -1;
	out_c(o, ':');
	return out_check(o, e);
}

int export_list(struct export_out *o, const char *key, struct err *e)
{
	if (out_key(o, key, e) < 0)
		return -1;
	out_c(o, '[');
	o->in_list = 1;
	o->items = 0;
	return out_check(o, e);
}

int export_item(struct export_out *o, json_t *v, struct err *e)
{
	assert(o->in_list || o->failed);
	if (o->failed) {
		json_decref(v);
		return -1;
	}
	if (o->items++)
		out_c(o, ',');
	if (out_json(o, v, e) < 0)
		return -1;
	return out_check(o, e);
}

int export_put(struct export_out *o, const char *key, json_t *v, struct err *e)
{
	if (out_key(o, key, e) < 0) {
		json_decref(v);
		return -1;
	}
	if (out_json(o, v, e) < 0)
		return -1;
	return out_check(o, e);
}

int export_out_end(struct export_out *o, struct err *e)
{
	if (o->failed)
		return -1;
	close_list(o);
	out_c(o, '}');
	int rc = out_flush(o, e);
	buf_release(&o->pending);
	return rc;
}

int export_rows(struct db_stmt *st, const char *spec, const struct export_who *who,
                struct export_out *o, struct err *e)
{
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (export_item(o, export_row(st, spec, who), e) < 0) {
			db_idle();
			return -1;
		}
	}
	return rc < 0 ? -1 : 0;
}

int export_rows_revealed(struct db_stmt *st, const char *spec, const struct export_who *who,
                         int mine_col, struct export_out *o, struct err *e)
{
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct reveal_input in = {REVEAL_PARTNER, 1, db_col_int(st, mine_col) > 0};
		if (reveal_view(&in) != REVEAL_FULL)
			continue;
		if (export_item(o, export_row(st, spec, who), e) < 0) {
			db_idle();
			return -1;
		}
	}
	return rc < 0 ? -1 : 0;
}

int export_forget(struct db *db, const char *sql, int64_t couple_id, int64_t user_id, struct err *e)
{
	struct db_stmt *st = db_prep(db, sql, e);
	if (!st)
		return -1;
	db_bind_int(st, 1, couple_id);
	db_bind_int(st, 2, user_id);
	return db_exec_stmt(st, e);
}
