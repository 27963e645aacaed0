/* wipe.c: overwriting private bytes before they are freed (see wipe.h). */
#include "wipe.h"

#include <jansson.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

void wipe(void *p, size_t n)
{
	if (p && n)
		explicit_bzero(p, n);
}

void wipe_free(void *p)
{
	if (!p)
		return;
	explicit_bzero(p, malloc_usable_size(p));
	free(p);
}

/* Every JSON tree and json_dumps() string is freed through wipe_free(). Runs
 * before main (and before any unit test or fuzz target), so no jansson value
 * is ever made with another allocator. */
__attribute__((constructor)) static void wipe_json_setup(void)
{
	json_set_alloc_funcs(malloc, wipe_free);
}
