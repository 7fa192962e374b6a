/* stream.h — statements whose answer does not come whole: rows as they arrive (single-row
 * mode, handed on in batches, so a huge result never sits in memory), COPY ... FROM STDIN and
 * COPY ... TO STDOUT. As db.h: connects on demand, Ctrl-C cancels (s->cancel), the lock a
 * statement waits for is reported while it waits (lockwait.h), failures land in s->err. Typed
 * SQL, `export`, `copy`/`\copy` and the stages' COPYs all come through here. */
#ifndef DWH_STREAM_H
#define DWH_STREAM_H

#include "base/dwh.h"

#define DB_ROWS_BATCH 256       /* rows per batch handed on, unless the sink says otherwise */

/* Where a streamed statement's answer goes; any callback may be NULL. */
struct db_sink {
	void *ctx;
	const char *what;       /* prefix for the server's error in s->err ("export"), or NULL */
	int batch;              /* rows per batch: 0 is DB_ROWS_BATCH; 1 hands on each row as
				 * libpq gave it, without copying */
	/* A row set's columns (a result with no rows), before its first row, also when it has
	 * no rows. */
	enum dwh_rc (*columns)(void *ctx, const PGresult *cols);
	/* A batch of rows. Anything but DWH_OK (with s->err set) cancels the statement, and no
	 * callback is called again. */
	enum dwh_rc (*rows)(void *ctx, const PGresult *rows);
	/* Each result without rows: a statement's tag (COMMAND_OK, EMPTY_QUERY) or its error,
	 * also the one that stopped its rows. */
	void (*answer)(void *ctx, const PGresult *res);
	/* A COPY ... TO STDOUT among the statements: one row's data (NULL: dropped). */
	void (*copy_out)(void *ctx, const char *data, int len);
	/* A COPY ... FROM STDIN among them is ended with this reason (NULL: a general one). */
	const char *copy_in_refusal;
};

/* Run sql (one statement or several), handing its answer to k as it arrives. DWH_OK when
 * every statement succeeded; else DWH_FAIL or DWH_ECONN with s->err set: what the callback
 * that stopped it said, else the server's first error. */
enum dwh_rc db_stream(struct dwh *s, const char *sql, const struct db_sink *k);

/* COPY ... FROM STDIN: DWH_OK once the server takes data, else s->err (the statement's
 * error) and the connection idle again. */
enum dwh_rc db_copy_in(struct dwh *s, const char *sql);
/* Data for it: DWH_OK, or s->err ("what: ...") when the connection failed. */
enum dwh_rc db_copy_put(struct dwh *s, const void *data, size_t n, const char *what);
/* Its end: why NULL keeps the data; else the COPY is abandoned with that reason and fails.
 * The COPY's result (PQcmdTuples: its rows; the caller PQclears) or NULL with s->err set
 * (prefixed with what when not NULL). */
PGresult *db_copy_in_end(struct dwh *s, const char *why, const char *what);

/* COPY ... TO STDOUT: DWH_OK once the server sends data, else s->err and the connection
 * idle again. */
enum dwh_rc db_copy_out(struct dwh *s, const char *sql);
/* Its next row: the length (> 0) with *data to PQfreemem, or 0 when no more comes (the
 * COPY ended or failed: db_copy_out_end says which). */
int db_copy_get(struct dwh *s, char **data);
/* After the last row, or to give up early (what is left is read and dropped): the COPY's
 * result, or NULL with s->err set. */
PGresult *db_copy_out_end(struct dwh *s, const char *what);

#endif
