/* trends.h: "Trust and closeness": each measure over time for both partners,
 * agreements kept and missed per month, the appreciations, and the plain
 * summary (trust/trend) with its suggestions. Page and `GET /api/v1/summary`. */
#ifndef DUET_TRENDS_H
#define DUET_TRENDS_H

#include "http/request.h"

int trends_page(struct req *r);
int trends_api_summary(struct req *r);

#endif
