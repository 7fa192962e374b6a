/* db.h — running SQL on the session's connection: Ctrl-C cancellable, errors with SQLSTATE,
 * lost connections noticed, a lock wait reported (lockwait.h). Every engine module sends SQL
 * through here, or through stream.h when the answer is streamed (rows, COPY). */
#ifndef DWH_DB_H
#define DWH_DB_H

#include "base/dwh.h"

/* Connect if not yet connected (DWH_OK, or DWH_ECONN with s->err set). */
enum dwh_rc db_ensure(struct dwh *s);

/* Run one or more statements; returns the last result (COMMAND_OK or TUPLES_OK), which the
 * caller PQclears, or NULL with s->err set. A cancelled statement says "canceled". */
PGresult *db_query(struct dwh *s, const char *sql);
/* Same, with $1.. parameters as text. */
PGresult *db_queryp(struct dwh *s, const char *sql, int n, const char *const *params);
/* db_query with s->err prefixed with what (when not NULL), calling every(ctx) (when not NULL)
 * about once a second while the statement runs: a Redshift COPY's progress, read on another
 * connection. */
PGresult *db_query_every(struct dwh *s, const char *sql, const char *what,
			 void (*every)(void *), void *ctx);
/* After PQsend*: read every result; the last good one (the caller PQclears it), or NULL with
 * s->err holding the first error, prefixed with `what` when not NULL. */
PGresult *db_collect(struct dwh *s, const char *what);
/* Ask the server to cancel the running statement, and the one on a stage pair's second
 * connection (the error then says "canceling statement"). Async-signal-safe, as PQcancel: the Ctrl-C handler and the console's drawing
 * thread call it. false when there is nothing to cancel or the request failed. */
bool db_cancel(struct dwh *s);
/* Run statements whose results are not wanted: DWH_OK, or DWH_FAIL/DWH_ECONN with s->err set. */
enum dwh_rc db_exec(struct dwh *s, const char *sql);
/* The rc a failure just now deserves: DWH_ECONN when the connection is gone, else DWH_FAIL. */
enum dwh_rc db_fail_rc(struct dwh *s);
/* Undo the open transaction, keeping s->err as the failure that led here left it: ROLLBACK
 * when the connection works and a transaction is open. Returns db_fail_rc(s), for a caller
 * that is failing; one that rolls back on purpose (explain) ignores it. */
enum dwh_rc db_rollback(struct dwh *s);

/* Quote an identifier or literal for this connection; the result is malloc'd (free()). */
char *db_ident(struct dwh *s, const char *name);
char *db_literal(struct dwh *s, const char *value);

/* What db_table_exists and db_count answer besides a yes, no or count. */
#define DB_NO_TABLE (-1)        /* db_count: the table does not exist */
#define DB_ERROR    (-2)        /* db_count: the server failed (s->err set) */

/* Whether a table exists in the current search path: 1, 0, or -1 on error (s->err set). */
int db_table_exists(struct dwh *s, const char *table);
/* Row count of a table, DB_NO_TABLE when it does not exist, DB_ERROR on error. */
long long db_count(struct dwh *s, const char *table);

/* The dialect to generate SQL for: --dialect, else the connected engine, else postgres. */
const char *db_dialect(const struct dwh *s);

#endif
