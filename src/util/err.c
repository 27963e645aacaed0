/* err.c: user-facing errors (see err.h). */
#include "err.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void err_vset(struct err *e, int status, const char *code, const char *fmt, va_list ap)
{
	e->status = status;
	e->exit_code = 0;
	snprintf(e->code, sizeof e->code, "%s", code ? code : "error");
	vsnprintf(e->msg, sizeof e->msg, i18n_tr(i18n_thread(), fmt), ap);
}

int err_set(struct err *e, int status, const char *code, const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, status, code, fmt, ap);
	va_end(ap);
	return -1;
}

int err_usage(struct err *e, const char *fmt, ...)
{
	if (!e)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, 400, "usage", fmt, ap);
	va_end(ap);
	e->exit_code = ERR_EXIT_USAGE;
	return -1;
}

int err_exit_code(const struct err *e)
{
	return e->exit_code ? e->exit_code : ERR_EXIT_FAILURE;
}

void err_clear(struct err *e)
{
	if (e)
		memset(e, 0, sizeof *e);
}
