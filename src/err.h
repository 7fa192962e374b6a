/* err.h — one error idiom for the whole engine: a function returns -1 (or NULL) and fills a
 * `struct dwh_err` its caller owns; only front ends print. */
#ifndef DWH_ERR_H
#define DWH_ERR_H

#include <libpq-fe.h>
#include <stdbool.h>

struct dwh_err {
	char msg[2048];
	char sqlstate[6];       /* "" when the error did not come from the server */
	bool reported;          /* already shown to the user (a command that ran others, as \i
				 * and \g do, must not show their error twice) */
};

void err_clear(struct dwh_err *e);
/* Returns -1 so callers can `return err_set(e, ...)`. */
int err_set(struct dwh_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The server's message and SQLSTATE from a failed result, prefixed with `what` when not NULL. */
int err_pg(struct dwh_err *e, const PGresult *res, const char *what);
/* A connection-level failure (PQerrorMessage). */
int err_conn(struct dwh_err *e, const PGconn *conn, const char *what);

#endif
