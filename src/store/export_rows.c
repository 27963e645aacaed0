/* export_rows.c: rows of a store query as JSON (see export_rows.h). */
#include "export_rows.h"

#include "lib/reveal.h"

#include <string.h>
#include <time.h>

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

int export_rows(struct db_stmt *st, const char *spec, const struct export_who *who, json_t *arr,
                struct err *e)
{
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		json_t *o = export_row(st, spec, who);
		if (!o || json_array_append_new(arr, o) < 0) {
			db_idle();
			return err_set(e, 500, "no_memory", "out of memory");
		}
	}
	return rc < 0 ? -1 : 0;
}

int export_rows_revealed(struct db_stmt *st, const char *spec, const struct export_who *who,
                         int mine_col, json_t *arr, struct err *e)
{
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		struct reveal_input in = {REVEAL_PARTNER, 1, db_col_int(st, mine_col) > 0};
		if (reveal_view(&in) != REVEAL_FULL)
			continue;
		json_t *o = export_row(st, spec, who);
		if (!o || json_array_append_new(arr, o) < 0) {
			db_idle();
			return err_set(e, 500, "no_memory", "out of memory");
		}
	}
	return rc < 0 ? -1 : 0;
}

int export_put(json_t *obj, const char *key, json_t *arr, struct err *e)
{
	if (!arr || json_object_set_new(obj, key, arr) < 0)
		return err_set(e, 500, "no_memory", "out of memory");
	return 0;
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
