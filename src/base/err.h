/* err.h — one error idiom for the whole engine: a failing function fills a `struct dwh_err` its
 * caller owns and says so by its return value; only front ends print. Two return shapes, each
 * with its type:
 *  - `enum dwh_rc` (dwh.h): what a command, a stage or the db layer returns on the session —
 *    DWH_OK, or DWH_FAIL / DWH_ECONN with s->err set; it becomes batch mode's exit code. Such
 *    a function fails with `return dwh_fail(s, ...)` or passes on db_fail_rc(s); never
 *    `err_set(&s->err, ...); return DWH_FAIL;` (tests/it_core_style.sh holds the tree to it).
 *  - `int` 0 / -1 (or a pointer / NULL): a helper below the session (config, files, the JSON
 *    layer, the local server) that fills the `struct dwh_err *` it is given; `return
 *    err_set(e, ...)` is that -1. The caller turns -1 into an enum dwh_rc where it has one.
 * A count or a yes/no with an error beside it names its sentinels (db.h's DB_ERROR). */
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
