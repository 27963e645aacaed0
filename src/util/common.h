/* common.h: small macros shared by every module.
 * Return convention: int functions return 0 on success and -1 on failure;
 * constructors return a pointer or NULL. Fallible calls are WARN_UNUSED_RESULT. */
#ifndef DUET_COMMON_H
#define DUET_COMMON_H

#include <stddef.h>

#define WARN_UNUSED_RESULT __attribute__((warn_unused_result))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define UNUSED(x) ((void)(x))

#endif
