/* stream.c — streamed statements and COPY on the session's connection (see stream.h). Every
 * wait for the server goes through lockwait_step, so a statement stuck behind a lock says who
 * holds it, whichever command sent it. */
#include "db/stream.h"

#include "db/db.h"
#include "db/lockwait.h"

/* One db_stream call: the batch being filled and how far the statement got. */
struct stream {
	struct dwh *s;
	const struct db_sink *k;
	int size;               /* rows per batch */
	PGresult *batch;        /* rows not yet handed on */
	bool in_rows;           /* a row set began (its columns were handed on) */
	bool any;               /* a result came */
	bool failed;            /* the server reported an error */
	enum dwh_rc stop;       /* what the callback that stopped the statement returned */
};

static bool live(const struct stream *st)
{
	return st->stop == DWH_OK;
}

/* A callback said stop: the server stops too, and what it still sends is read and dropped. */
static void stop(struct stream *st, enum dwh_rc rc)
{
	if (rc == DWH_OK || !live(st))
		return;
	st->stop = rc;
	db_cancel(st->s);
}

static void flush(struct stream *st)
{
	PGresult *b = st->batch;

	st->batch = NULL;
	if (b && live(st) && st->k->rows)
		stop(st, st->k->rows(st->k->ctx, b));
	PQclear(b);
}

static void begin_rows(struct stream *st, const PGresult *res)
{
	PGresult *cols;

	if (st->in_rows)
		return;
	st->in_rows = true;
	if (!live(st) || !st->k->columns)
		return;
	/* the columns alone: a single-row result also holds its row */
	if (!(cols = PQcopyResult(res, PG_COPYRES_ATTRS))) {
		stop(st, dwh_fail(st->s, "out of memory"));
		return;
	}
	stop(st, st->k->columns(st->k->ctx, cols));
	PQclear(cols);
}

/* One row of single-row mode, into the batch (or handed on as it is when batches are 1). */
static void add_row(struct stream *st, const PGresult *res)
{
	int at, nc = PQnfields(res);

	begin_rows(st, res);
	if (!live(st) || !st->k->rows)
		return;
	if (st->size == 1) {
		stop(st, st->k->rows(st->k->ctx, res));
		return;
	}
	if (!st->batch && !(st->batch = PQcopyResult(res, PG_COPYRES_ATTRS))) {
		stop(st, dwh_fail(st->s, "out of memory"));
		return;
	}
	at = PQntuples(st->batch);
	for (int c = 0; c < nc; c++) {
		bool null = PQgetisnull(res, 0, c);

		if (!PQsetvalue(st->batch, at, c, null ? NULL : PQgetvalue(res, 0, c),
				null ? -1 : PQgetlength(res, 0, c))) {
			stop(st, dwh_fail(st->s, "out of memory"));
			return;
		}
	}
	if (PQntuples(st->batch) >= st->size)
		flush(st);
}

/* The end of a row set: TUPLES_OK, with no rows in single-row mode. */
static void end_rows(struct stream *st, const PGresult *res)
{
	begin_rows(st, res);
	flush(st);
	if (PQntuples(res) > 0 && live(st) && st->k->rows)
		stop(st, st->k->rows(st->k->ctx, res));
	st->in_rows = false;
}

static void answer(struct stream *st, const PGresult *res)
{
	ExecStatusType rs = PQresultStatus(res);

	flush(st);
	st->in_rows = false;
	if (rs != PGRES_COMMAND_OK && rs != PGRES_EMPTY_QUERY && !st->failed) {
		st->failed = true;
		if (live(st))
			err_pg(&st->s->err, res, st->k->what);
	}
	if (live(st) && st->k->answer)
		st->k->answer(st->k->ctx, res);
}

static void copy_out(struct stream *st)
{
	char *data;
	int n;

	while ((n = db_copy_get(st->s, &data)) > 0) {
		if (live(st) && st->k->copy_out)
			st->k->copy_out(st->k->ctx, data, n);
		PQfreemem(data);
	}
}

static void take(struct stream *st, const PGresult *res)
{
	st->any = true;
	switch (PQresultStatus(res)) {
	case PGRES_SINGLE_TUPLE:
		add_row(st, res);
		break;
	case PGRES_TUPLES_OK:
		end_rows(st, res);
		break;
	case PGRES_COPY_OUT:
		copy_out(st);           /* then the COPY's own result follows */
		break;
	case PGRES_COPY_IN:
		PQputCopyEnd(st->s->conn, st->k->copy_in_refusal ? st->k->copy_in_refusal
				  : "COPY FROM STDIN is not supported here");
		break;
	default:
		answer(st, res);
		break;
	}
}

enum dwh_rc db_stream(struct dwh *s, const char *sql, const struct db_sink *k)
{
	struct stream st = { .s = s, .k = k, .size = k->batch > 0 ? k->batch : DB_ROWS_BATCH };
	struct lockwait w;
	PGresult *res;
	enum dwh_rc rc;

	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (!PQsendQuery(s->conn, sql)) {
		err_conn(&s->err, s->conn, k->what);
		return db_fail_rc(s);
	}
	PQsetSingleRowMode(s->conn);    /* fails only when not right after the send: it is */
	lockwait_begin(&w);
	for (;;) {
		lockwait_await(s, &w);
		if (!(res = PQgetResult(s->conn)))
			break;
		take(&st, res);
		PQclear(res);
	}
	lockwait_end(s, &w);
	flush(&st);
	if (!live(&st))
		return st.stop;
	if (!st.any) {
		err_conn(&s->err, s->conn, k->what);
		return db_fail_rc(s);
	}
	return st.failed ? db_fail_rc(s) : DWH_OK;
}

/* ---- COPY ---- */

/* Read and drop what a statement that was not the expected COPY still sends. */
static void drain(struct dwh *s)
{
	PGresult *res;

	while ((res = PQgetResult(s->conn))) {
		ExecStatusType st = PQresultStatus(res);

		PQclear(res);
		if (st == PGRES_COPY_IN)
			PQputCopyEnd(s->conn, "not expected");
		else if (st == PGRES_COPY_OUT)
			PQclear(db_copy_out_end(s, NULL));
	}
}

/* Send a COPY and wait until the server is ready to take (want COPY_IN) or send its data. */
static enum dwh_rc copy_begin(struct dwh *s, const char *sql, ExecStatusType want)
{
	struct lockwait w;
	PGresult *res;
	enum dwh_rc rc;
	ExecStatusType st;

	if ((rc = db_ensure(s)) != DWH_OK)
		return rc;
	if (!PQsendQuery(s->conn, sql)) {
		err_conn(&s->err, s->conn, NULL);
		return db_fail_rc(s);
	}
	lockwait_begin(&w);
	lockwait_await(s, &w);
	res = PQgetResult(s->conn);
	lockwait_end(s, &w);
	if ((st = PQresultStatus(res)) == want) {
		PQclear(res);
		return DWH_OK;
	}
	if (!res)
		err_conn(&s->err, s->conn, NULL);
	else if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT || st == PGRES_COMMAND_OK ||
		 st == PGRES_TUPLES_OK)
		err_set(&s->err, "expected COPY %s", want == PGRES_COPY_IN ? "FROM STDIN" : "TO STDOUT");
	else
		err_pg(&s->err, res, NULL);
	if (res) {
		struct dwh_err keep = s->err;

		if (st == PGRES_COPY_IN)
			PQputCopyEnd(s->conn, "not expected");
		else if (st == PGRES_COPY_OUT)
			PQclear(db_copy_out_end(s, NULL));
		PQclear(res);
		drain(s);
		s->err = keep;
	}
	return db_fail_rc(s);
}

enum dwh_rc db_copy_in(struct dwh *s, const char *sql)
{
	return copy_begin(s, sql, PGRES_COPY_IN);
}

enum dwh_rc db_copy_put(struct dwh *s, const void *data, size_t n, const char *what)
{
	if (PQputCopyData(s->conn, data, (int)n) == 1)
		return DWH_OK;
	err_conn(&s->err, s->conn, what);
	return db_fail_rc(s);
}

PGresult *db_copy_in_end(struct dwh *s, const char *why, const char *what)
{
	if (PQputCopyEnd(s->conn, why) != 1) {
		err_conn(&s->err, s->conn, what);
		return NULL;
	}
	return db_collect(s, what);
}

enum dwh_rc db_copy_out(struct dwh *s, const char *sql)
{
	return copy_begin(s, sql, PGRES_COPY_OUT);
}

int db_copy_get(struct dwh *s, char **data)
{
	struct lockwait w;
	bool waiting = false;
	int n;

	/* without blocking, so a row that is slow to come is waited for as any result is */
	while ((n = PQgetCopyData(s->conn, data, 1)) == 0) {
		if (!waiting) {
			lockwait_begin(&w);
			waiting = true;
		}
		if (!lockwait_step(s, &w))
			break;
	}
	if (waiting)
		lockwait_end(s, &w);
	return n > 0 ? n : 0;
}

PGresult *db_copy_out_end(struct dwh *s, const char *what)
{
	char *data;

	while (db_copy_get(s, &data) > 0)
		PQfreemem(data);
	return db_collect(s, what);
}
