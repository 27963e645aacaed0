/* fuzz_push.c: libFuzzer target for the outside text Web Push accepts: the
 * keys of a browser's subscription (base64url that must decode to exactly a
 * P-256 point or a 16-byte secret; a point accepted is on the curve and
 * encrypts), quiet-hour times (an accepted one is within a day and writes back
 * the same), push endpoints' origins, and names in notification JSON (always
 * valid JSON with the fixed title). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/webpush.h"
#include "push/push_send.h"
#include "push/push_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	struct webpush_ua ua;
	memset(&ua, 0, sizeof ua);
	if (webpush_b64_get(s, ua.pub, sizeof ua.pub) == 0 && webpush_pub_ok(ua.pub) == 0) {
		struct buf b = BUF_INIT(WEBPUSH_RECORD_SIZE);
		if (webpush_encrypt_new(&ua, "x", 1, &b) < 0 || b.len != WEBPUSH_HEADER_BYTES + 2 + 16)
			abort();
		buf_release(&b);
	}
	(void)!webpush_b64_get(s, ua.auth, sizeof ua.auth);
	int m;
	if (push_parse_hhmm(s, &m) == 0) {
		char back[6];
		if (m < 0 || m >= 1440)
			abort();
		push_hhmm(m, back);
		if (strcmp(back, s))
			abort();
	}
	char origin[256];
	if (push_send_origin(s, origin, sizeof origin) == 0 &&
	    (strncmp(origin, s, strlen(origin)) || !strstr(origin, "://")))
		abort();
	struct buf t = BUF_INIT(4096);
	if (push_text(&t, s, s, 0, LANG_EN) == 0) {
		json_t *j = json_loadb(t.data, t.len, 0, NULL);
		if (!j || strcmp(json_string_value(json_object_get(j, "title")), "duet"))
			abort();
		json_decref(j);
	}
	buf_release(&t);
	free(s);
	return 0;
}
