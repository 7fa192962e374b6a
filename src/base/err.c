/* err.c — filling `struct dwh_err` from printf formats and libpq failures. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct dwh_err *e)
{
	e->msg[0] = '\0';
	e->sqlstate[0] = '\0';
	e->reported = false;
}

int err_set(struct dwh_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->sqlstate[0] = '\0';
	return -1;
}

/* libpq messages end in a newline; ours do not. */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
		s[--n] = '\0';
}

int err_pg(struct dwh_err *e, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *text = res ? PQresultErrorMessage(res) : "no result from server";

	if (!text || !*text)
		text = res ? PQresStatus(PQresultStatus(res)) : "no result";
	if (what)
		snprintf(e->msg, sizeof e->msg, "%s: %s", what, text);
	else
		snprintf(e->msg, sizeof e->msg, "%s", text);
	chomp(e->msg);
	snprintf(e->sqlstate, sizeof e->sqlstate, "%s", state ? state : "");
	return -1;
}

int err_conn(struct dwh_err *e, const PGconn *conn, const char *what)
{
	const char *text = conn ? PQerrorMessage(conn) : "out of memory";

	if (what)
		snprintf(e->msg, sizeof e->msg, "%s: %s", what, text);
	else
		snprintf(e->msg, sizeof e->msg, "%s", text);
	chomp(e->msg);
	e->sqlstate[0] = '\0';
	return -1;
}
