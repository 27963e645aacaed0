/* quota.c: per-person rate of additions and per-couple storage (see quota.h). */
#include "quota.h"

#include <stdio.h>
#include <stdlib.h>

#include "account/account.h"
#include "ownership_store.h"

/* A whole number from the environment, or `def` when unset or malformed. */
static long env_num(const char *name, long def)
{
	const char *s = getenv(name);
	char *end;
	long v = s && *s ? strtol(s, &end, 10) : def;
	return s && *s && (*end || v < 0) ? def : v;
}

static int rate_check(struct req *r, struct db *db)
{
	long limit = env_num("DUET_ADDS_PER_HOUR", QUOTA_ADDS_PER_HOUR);
	if (limit == 0)
		return 0;
	char key[40];
	snprintf(key, sizeof key, "add:%lld", (long long)r->user->id);
	int rc = account_hourly(r, db, key, limit);
	if (rc != 1)
		return rc;
	return req_fail(r, 429, "too_many_additions",
			"That is a great deal added within one hour, more than duet takes from "
			"one person. Please add more in %d minutes.",
			(r->retry_after + 59) / 60);
}

static int space_check(struct req *r, struct db *db)
{
	long mb = env_num("DUET_COUPLE_QUOTA_MB", QUOTA_COUPLE_MB);
	if (mb == 0)
		return 0;
	int64_t bytes;
	if (ownership_bytes(db, r->user->couple_id, r->user->id, &bytes, &r->err) < 0)
		return -1;
	if (bytes + (int64_t)r->body.len <= (int64_t)mb << 20)
		return 0;
	return req_fail(r, 413, "quota_full",
			"Your space in duet is full (%ld MB of text). Nothing new can be added "
			"until some is deleted: older dreams, replies, notes or journal entries "
			"you no longer need. Changing what you already wrote still works.",
			mb);
}

int quota_check(struct req *r)
{
	struct db *db = db_get(&r->err);
	if (!db)
		return -1;
	int rc = rate_check(r, db);
	if (rc == 0)
		rc = space_check(r, db);
	db_idle();
	return rc;
}
