/* crypto.c: one-time setup of libsodium and the passphrase-hash bound (see crypto.h). */
#include "crypto.h"

#include <sodium.h>

#include "pw.h"

int crypto_setup(int max_concurrent_hashes)
{
	if (max_concurrent_hashes < 1 || sodium_init() < 0)
		return -1;
	return pw_setup(max_concurrent_hashes);
}
