/* Fuzz target for the parsers of outside text in src/crypto: passphrase records
 * (through pw_needs_rehash, which parses without hashing), recovery codes, session
 * tokens, wrapped keys and sealed text. Each input is fed to all of them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "crypto/keys.h"
#include "crypto/pw.h"
#include "crypto/recovery.h"
#include "crypto/seal.h"
#include "crypto/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static const unsigned char key[KEY_BYTES] = {1, 2, 3};
	unsigned char out[KEY_BYTES];
	if (!ready) {
		if (crypto_setup(1) != 0)
			abort();
		ready = 1;
	}
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	(void)pw_needs_rehash(s);
	(void)recovery_kek(s, out);
	(void)token_valid(s);
	if (token_valid(s) == 0) {
		char id[TOKEN_ID_HEX_LEN + 1];
		token_id(s, id);
	}
	(void)key_unwrap(s, key, "user:1:pass", out);
	struct buf b = BUF_INIT(1 << 20);
	(void)open_text(key, (const char *)data, size, "journal:user:1", &b);
	buf_release(&b);
	free(s);
	return 0;
}
