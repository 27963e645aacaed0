/* schema.h: the schema migrations, in order. One source of truth for every
 * backend: "@ID@" stands for the backend's integer primary key type. Every table
 * with a couple's content carries couple_id (REFERENCES couples ON DELETE CASCADE)
 * and every query of it filters by couple_id. */
#ifndef DUET_SCHEMA_H
#define DUET_SCHEMA_H

struct migration {
	int version;
	const char *what;
	const char *sql;
};

extern const struct migration schema_migrations[];
extern const int schema_count;

#endif
