/* unit.h: includes every cmocka unit test needs, in the order cmocka wants. */
#ifndef DUET_UNIT_H
#define DUET_UNIT_H
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#endif
