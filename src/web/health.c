/* health.c: the health check (see health.h). */
#include "health.h"

#include <pthread.h>
#include <time.h>

#include "store/db.h"

#define HEALTH_KEEP_MS 1000    /* how long one answer is reused */
#define HEALTH_TIMEOUT_MS 1000 /* how long the database may take to answer */

static pthread_mutex_t asking = PTHREAD_MUTEX_INITIALIZER;
static int64_t asked_ms;                  /* when the kept answer was found; 0: never */
static int kept = DB_HEALTH_OK;           /* enum db_health */

static int64_t mono_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* The kept answer while it is fresh, or while another thread is finding a
 * new one; else a new one. */
static enum db_health health_now(void)
{
	int64_t at = __atomic_load_n(&asked_ms, __ATOMIC_ACQUIRE);
	if (at && mono_ms() - at < HEALTH_KEEP_MS)
		return (enum db_health)__atomic_load_n(&kept, __ATOMIC_RELAXED);
	if (pthread_mutex_trylock(&asking) != 0) {
		if (at)
			return (enum db_health)__atomic_load_n(&kept, __ATOMIC_RELAXED);
		pthread_mutex_lock(&asking); /* the very first check: wait for it */
	}
	enum db_health h = db_health(HEALTH_TIMEOUT_MS);
	__atomic_store_n(&kept, (int)h, __ATOMIC_RELAXED);
	__atomic_store_n(&asked_ms, mono_ms(), __ATOMIC_RELEASE);
	pthread_mutex_unlock(&asking);
	return h;
}

int health_check(struct req *r)
{
	enum db_health h = health_now();
	json_t *j = json_pack("{s:s}", "status", db_health_word(h));
	if (!j)
		return req_fail(r, 500, "no_memory", "out of memory");
	if (h != DB_HEALTH_OK && req_add_header(r, "Retry-After", "2") < 0) {
		json_decref(j);
		return req_fail(r, 500, "no_memory", "out of memory");
	}
	return resp_json(r, h == DB_HEALTH_OK ? 200 : 503, j);
}
