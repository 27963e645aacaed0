/* fuzz_trend.c: libFuzzer target for the check-in summary and its charts. The
 * bytes become two partners' check-ins (always valid input, with gaps, skipped
 * items and missed weeks); the summary must succeed with at least one finding,
 * every sentence valid UTF-8 ending in a full stop, and the charts and the
 * closeness picture of the same data must be balanced SVG. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../unit/xml_check.h"
#include "lib/chart.h"
#include "trust/ios.h"
#include "trust/trend.h"
#include "util/utf8.h"

#define MAXC 64

static int value(unsigned bits, int m)
{
	int lo = trend_measure_min(m), hi = trend_measure_max(m);
	int v = lo + (int)(bits % 9);
	return v > hi ? TREND_GAP : v; /* about one in four skipped */
}

static void check_summary(const struct trend_summary *s)
{
	if (s->n < 1 || s->n > TREND_MAX_FINDINGS)
		abort();
	for (size_t i = 0; i < s->n; i++) {
		const struct trend_finding *f = &s->f[i];
		size_t t = strlen(f->text), g = strlen(f->suggestion);
		if (!t || !g || f->text[t - 1] != '.' || f->suggestion[g - 1] != '.' ||
		    !utf8_valid(f->text, t) || !utf8_valid(f->suggestion, g) ||
		    !trend_area_key(f->area) || f->counselling != !strcmp(f->rule, "counselling"))
			abort();
	}
}

static void check_chart(const struct trend_checkin *k[2], const size_t n[2], int first, int last)
{
	static int v[2][CHART_MAX_POINTS];
	size_t weeks = (size_t)(last - first + 1), ns = n[1] ? 2 : 1;
	if (last < first || weeks > CHART_MAX_POINTS)
		return;
	for (size_t p = 0; p < 2; p++) {
		for (size_t w = 0; w < weeks; w++)
			v[p][w] = CHART_GAP;
		for (size_t i = 0; i < n[p]; i++)
			v[p][k[p][i].week - first] = k[p][i].v[TREND_TRUST];
	}
	struct chart_line c = {.title = "Trust <&>",
	                       .ymin = 0,
	                       .ymax = 6,
	                       .n = weeks,
	                       .nseries = ns,
	                       .series = {{"A & \"B\"", v[0]}, {"<C>", v[1]}}};
	struct buf b = BUF_INIT(1 << 20);
	if (chart_line_svg(&b, &c) < 0 || !xml_balanced(b.data))
		abort();
	buf_reset(&b);
	if (chart_sparkline_svg(&b, "t", v[0], weeks, 0, 6) < 0 || !xml_balanced(b.data))
		abort();
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct trend_checkin ck[2][MAXC];
	const struct trend_checkin *kp[2] = {ck[0], ck[1]};
	size_t n[2] = {0, 0};
	if (size < 2)
		return 0;
	int rhythm = data[0] % (TREND_MAX_RHYTHM + 1), joined = data[0] & 0x80;
	int week[2] = {1000, 1000}, last = 1000;
	for (size_t i = 2; i + 2 < size; i += 3) {
		int p = joined ? data[i] & 1 : 0;
		if (n[p] == MAXC)
			continue;
		struct trend_checkin *k = &ck[p][n[p]++];
		week[p] += 1 + ((data[i] >> 1) & 7);
		k->week = week[p];
		last = week[p] > last ? week[p] : last;
		unsigned bits = (unsigned)data[i + 1] | (unsigned)data[i + 2] << 8;
		for (int m = 0; m < TREND_MEASURES; m++)
			k->v[m] = value(bits >> (4 * m), m);
	}
	struct trend_month month = {"May", data[1] & 7, data[1] >> 5};
	struct trend_input in = {
	    .p = {{"Ana", ck[0], n[0]}, {joined ? "Zoë" : NULL, ck[1], n[1]}},
	    .current_week = last + (data[1] & 0x18) / 8,
	    .rhythm_weeks = rhythm,
	    .months = &month,
	    .nmonths = 1,
	};
	struct trend_summary s;
	struct err e = {0};
	if (trend_summarise(&in, &s, &e) < 0)
		abort();
	check_summary(&s);
	check_chart(kp, n, 1001, last);

	struct buf b = BUF_INIT(4096);
	if (ios_svg(&b, 1 + data[1] % IOS_STEPS, 1 + data[0] % 64, "A", "<B>") < 0 ||
	    !xml_balanced(b.data))
		abort();
	buf_release(&b);
	return 0;
}
