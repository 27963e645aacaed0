/* reveal.c: the reciprocal reveal rule (see reveal.h). */
#include "reveal.h"

enum reveal_view reveal_view(const struct reveal_input *in)
{
	switch (in->role) {
	case REVEAL_AUTHOR:
		return in->author_answered ? REVEAL_FULL : REVEAL_PENDING;
	case REVEAL_PARTNER:
	case REVEAL_COUNSELLOR:
		if (!in->author_answered)
			return REVEAL_PENDING;
		return in->other_answered ? REVEAL_FULL : REVEAL_ANSWERED;
	case REVEAL_OUTSIDER:
		break;
	}
	return REVEAL_NOTHING; /* outsiders, and any role not listed above */
}

int reveal_marks_seen(enum reveal_role role, enum reveal_view view)
{
	return role == REVEAL_PARTNER && view == REVEAL_FULL;
}

int reveal_edit_allowed(enum reveal_role role)
{
	return role == REVEAL_AUTHOR;
}

int reveal_edit_marked_edited(int partner_has_seen)
{
	return partner_has_seen != 0;
}
