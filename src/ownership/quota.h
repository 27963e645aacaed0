/* quota.h: what one person may add, and how much a couple may keep, so that
 * one partner cannot fill the disk or break the other's pages.
 *
 * Before a handler that adds rows a person writes (routes marked R_ADDS: a
 * dream, a reply, an own question, a journal entry, a negotiation, an item, an
 * agreement, a note…) runs, quota_check counts the addition against a
 * per-person limit that a real person never meets (DUET_ADDS_PER_HOUR, default
 * 300 an hour: 429 with Retry-After) and refuses it when the couple's texts
 * already fill its storage quota (DUET_COUPLE_QUOTA_MB, default 50: 413).
 * Replacing what one already wrote (an answer, a check-in, a rating) is not an
 * addition and is neither counted nor refused; deleting frees room. */
#ifndef DUET_QUOTA_H
#define DUET_QUOTA_H

#include "http/request.h"

#define QUOTA_ADDS_PER_HOUR 300
#define QUOTA_COUPLE_MB 50

/* 0 when the signed-in person may add; -1 with r->err set (429 or 413). */
int quota_check(struct req *r) WARN_UNUSED_RESULT;

#endif
