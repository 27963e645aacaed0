/* period.c: check-in periods (see period.h). */
#include "period.h"

#include <string.h>

#include "util/common.h"

static const struct {
	int weeks;
	const char *name;
	const char *words;
} rhythms[] = {
    {1, "weekly", "every week"},
    {2, "every_2_weeks", "every two weeks"},
    {4, "monthly", "every four weeks"},
};

/* Division rounding towards minus infinity (C rounds towards zero). */
static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t period_week(int64_t t)
{
	return floor_div(t - PERIOD_EPOCH, PERIOD_WEEK);
}

int64_t period_week_time(int64_t w)
{
	return PERIOD_EPOCH + w * PERIOD_WEEK;
}

int64_t period_start_week(int64_t w, int rhythm)
{
	if (period_rhythm_name(rhythm) == NULL)
		rhythm = PERIOD_RHYTHM_DEFAULT;
	return floor_div(w, rhythm) * rhythm;
}

void period_at(int64_t t, int rhythm, struct period *out)
{
	if (period_rhythm_name(rhythm) == NULL)
		rhythm = PERIOD_RHYTHM_DEFAULT;
	out->week = period_start_week(period_week(t), rhythm);
	out->start = period_week_time(out->week);
	out->end = period_week_time(out->week + rhythm);
}

int period_rhythm_parse(const char *name)
{
	for (size_t i = 0; name && i < ARRAY_LEN(rhythms); i++)
		if (!strcmp(name, rhythms[i].name))
			return rhythms[i].weeks;
	return -1;
}

const char *period_rhythm_name(int rhythm)
{
	for (size_t i = 0; i < ARRAY_LEN(rhythms); i++)
		if (rhythms[i].weeks == rhythm)
			return rhythms[i].name;
	return NULL;
}

const char *period_rhythm_words(int rhythm)
{
	for (size_t i = 0; i < ARRAY_LEN(rhythms); i++)
		if (rhythms[i].weeks == rhythm)
			return rhythms[i].words;
	return NULL;
}
