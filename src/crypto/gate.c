/* gate.c: counting semaphore with a peak counter (see gate.h). */
#include "gate.h"

void gate_set_max(struct gate *g, int max)
{
	pthread_mutex_lock(&g->lock);
	g->max = max < 0 ? 0 : max;
	g->peak = g->in_flight;
	pthread_cond_broadcast(&g->freed);
	pthread_mutex_unlock(&g->lock);
}

int gate_enter(struct gate *g)
{
	int rc = 0;
	pthread_mutex_lock(&g->lock);
	while (g->max > 0 && g->in_flight >= g->max)
		pthread_cond_wait(&g->freed, &g->lock);
	if (g->max == 0) {
		rc = -1;
	} else {
		g->in_flight++;
		if (g->in_flight > g->peak)
			g->peak = g->in_flight;
	}
	pthread_mutex_unlock(&g->lock);
	return rc;
}

void gate_leave(struct gate *g)
{
	pthread_mutex_lock(&g->lock);
	g->in_flight--;
	pthread_cond_signal(&g->freed);
	pthread_mutex_unlock(&g->lock);
}

void gate_stats(struct gate *g, int *in_flight, int *peak)
{
	pthread_mutex_lock(&g->lock);
	if (in_flight)
		*in_flight = g->in_flight;
	if (peak)
		*peak = g->peak;
	pthread_mutex_unlock(&g->lock);
}
