/* ownership.h: what is a person's own — downloading it (GET /api/v1/export, the
 * Export section of /account) and deleting the account (DELETE /api/v1/account,
 * /account/delete). The export format and the deletion rules are in
 * docs/EXPORT.md. Each area gives its part through its store's *_export() and
 * *_forget() functions; this module only puts them together. */
#ifndef DUET_OWNERSHIP_H
#define DUET_OWNERSHIP_H

#include "http/request.h"

#define EXPORT_FORMAT "duet-export"
#define EXPORT_VERSION 1

int ownership_api_export(struct req *r);
int ownership_api_delete(struct req *r);
int ownership_page_delete(struct req *r);
int ownership_post_delete(struct req *r);

/* The Export and Delete sections of the /account page. */
void ownership_account_sections(struct req *r);

#endif
