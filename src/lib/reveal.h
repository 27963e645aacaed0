/* reveal.h: the reciprocal reveal rule, the one place it lives.
 *
 * Whatever a partner writes for a shared item (an answer to a prompt, a rating on
 * the difference map, a repair reflection, a negotiation allocation) is shown to
 * the other partner only once the other has written theirs too. Before that the
 * other sees only that it has been written. A counsellor the couple shared the
 * area with sees an entry only once both partners have written theirs, so never
 * before the partner does. Anyone else sees nothing (the handler answers 404, so
 * that an outsider cannot even learn the entry exists).
 *
 * An entry may be changed by its author alone, silently until the partner has
 * seen it; after that a change is shown as edited.
 *
 * Everything here is pure; the caller reads the facts from the store.
 */
#ifndef DUET_REVEAL_H
#define DUET_REVEAL_H

/* Who is looking at an entry, relative to its author. */
enum reveal_role {
	REVEAL_OUTSIDER,   /* not of the couple, or a counsellor without this area shared */
	REVEAL_AUTHOR,     /* the entry is the viewer's own */
	REVEAL_PARTNER,    /* the author's partner */
	REVEAL_COUNSELLOR, /* a counsellor the couple shared this area with */
};

/* What the viewer may see of the entry. */
enum reveal_view {
	REVEAL_NOTHING,  /* not even that it exists: the handler answers 404 */
	REVEAL_PENDING,  /* it is not written yet ("Ana has not answered yet.") */
	REVEAL_ANSWERED, /* only that it is written ("Ana has answered. Answer to see what Ana
	                    wrote.") */
	REVEAL_FULL,     /* the entry itself */
};

struct reveal_input {
	enum reveal_role role;
	int author_answered; /* the entry's author has written it */
	int other_answered;  /* the author's partner has written theirs for the same item
	                      * (when role is REVEAL_PARTNER: the viewer has answered) */
};

/* What `in->role` may see of the entry. */
enum reveal_view reveal_view(const struct reveal_input *in);

/* 1 when showing `view` to `role` means the partner has now seen the entry (the
 * caller records it, for reveal_edit_marked_edited); 0 otherwise. */
int reveal_marks_seen(enum reveal_role role, enum reveal_view view);

/* 1 when `role` may change the entry: only its author may; 0 otherwise. */
int reveal_edit_allowed(enum reveal_role role);

/* 1 when a change made now must be shown as edited, that is when the partner
 * has already seen the entry; 0 when it may change silently. */
int reveal_edit_marked_edited(int partner_has_seen);

#endif
