/* db.c — every statement dwh sends goes through here: one place that connects on demand, keeps
 * the cancel handle for Ctrl-C, turns failures into s->err with SQLSTATE, and notices when the
 * connection has gone. */
#include "db/db.h"

#include "db/conn.h"
#include "db/lockwait.h"

#include <stdlib.h>
#include <string.h>

enum dwh_rc db_ensure(struct dwh *s)
{
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
		return DWH_OK;
	if (s->conn) {
		/* lost: try once to re-establish, as psql does on the next command */
		enum dwh_rc rc = conn_reset(s);

		if (rc == DWH_OK)
			dwh_msg(s, LOG_NOTICE, "connection was lost; reconnected");
		return rc;
	}
	return conn_open(s);
}

enum dwh_rc db_fail_rc(struct dwh *s)
{
	return (!s->conn || PQstatus(s->conn) != CONNECTION_OK) ? DWH_ECONN : DWH_FAIL;
}

enum dwh_rc db_rollback(struct dwh *s)
{
	struct dwh_err keep = s->err;

	if (s->conn && PQstatus(s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		db_exec(s, "ROLLBACK");
	s->err = keep;
	return db_fail_rc(s);
}

/* db_collect, with `every` (when not NULL) called about once a second while it waits. */
static PGresult *collect(struct dwh *s, const char *what, void (*every)(void *), void *ctx)
{
	PGresult *res, *keep = NULL, *bad = NULL;
	struct lockwait w;

	lockwait_begin(&w);
	w.every = every;
	w.every_ctx = ctx;
	for (;;) {
		lockwait_await(s, &w);
		if (!(res = PQgetResult(s->conn)))
			break;
		ExecStatusType st = PQresultStatus(res);

		if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK || st == PGRES_EMPTY_QUERY) {
			PQclear(keep);
			keep = res;
		} else if (!bad) {
			bad = res;
		} else {
			PQclear(res);
		}
	}
	lockwait_end(s, &w);
	if (bad) {
		err_pg(&s->err, bad, what);
		PQclear(bad);
		PQclear(keep);
		return NULL;
	}
	if (!keep)
		err_conn(&s->err, s->conn, what);
	return keep;
}

PGresult *db_collect(struct dwh *s, const char *what)
{
	return collect(s, what, NULL, NULL);
}

static PGresult *db_send(struct dwh *s, const char *sql, int n, const char *const *params,
			 const char *what, void (*every)(void *), void *ctx)
{
	int ok;

	if (db_ensure(s) != DWH_OK)
		return NULL;
	if (n > 0)
		ok = PQsendQueryParams(s->conn, sql, n, NULL, params, NULL, NULL, 0);
	else
		ok = PQsendQuery(s->conn, sql);
	if (!ok) {
		err_conn(&s->err, s->conn, what);
		return NULL;
	}
	return collect(s, what, every, ctx);
}

PGresult *db_query(struct dwh *s, const char *sql)
{
	return db_send(s, sql, 0, NULL, NULL, NULL, NULL);
}

PGresult *db_queryp(struct dwh *s, const char *sql, int n, const char *const *params)
{
	return db_send(s, sql, n, params, NULL, NULL, NULL);
}

PGresult *db_query_every(struct dwh *s, const char *sql, const char *what,
			 void (*every)(void *), void *ctx)
{
	return db_send(s, sql, 0, NULL, what, every, ctx);
}

bool db_cancel(struct dwh *s)
{
	PGcancel *c = s->cancel;
	struct dwh *two = s->beside;    /* a stage pair's second connection (songs) */
	char buf[256];
	bool sent = c && PQcancel(c, buf, sizeof buf);

	if (two && (c = two->cancel))
		sent = PQcancel(c, buf, sizeof buf) || sent;
	return sent;
}

enum dwh_rc db_exec(struct dwh *s, const char *sql)
{
	PGresult *res = db_query(s, sql);

	if (!res)
		return db_fail_rc(s);
	PQclear(res);
	return DWH_OK;
}

static char *escape(struct dwh *s, const char *v, int ident)
{
	char *q, *out;

	if (db_ensure(s) != DWH_OK)
		return NULL;
	q = ident ? PQescapeIdentifier(s->conn, v, strlen(v)) : PQescapeLiteral(s->conn, v, strlen(v));
	if (!q) {
		err_conn(&s->err, s->conn, "quoting");
		return NULL;
	}
	out = strdup(q);    /* callers free() with the C library, not PQfreemem */
	PQfreemem(q);
	return out;
}

char *db_ident(struct dwh *s, const char *name)
{
	return escape(s, name, 1);
}

char *db_literal(struct dwh *s, const char *value)
{
	return escape(s, value, 0);
}

int db_table_exists(struct dwh *s, const char *table)
{
	const char *p[1] = { table };
	/* information_schema, not to_regclass: the same query must work on Redshift */
	PGresult *res = db_queryp(s, "SELECT count(*) > 0 FROM information_schema.tables "
				  "WHERE table_schema = current_schema() AND table_name = $1", 1, p);
	int yes;

	if (!res)
		return -1;
	yes = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	return yes;
}

/* After Ctrl-C nothing may wait for a lock again: the figures taken after a cancelled
 * statement (what the table kept) would otherwise queue behind the very lock the user gave up
 * on. PostgreSQL only: Redshift has no lock_timeout. */
static bool after_ctrl_c(struct dwh *s)
{
	return dwh_session(s)->interrupted && s->server.engine == ENGINE_POSTGRES &&
	       PQtransactionStatus(s->conn) == PQTRANS_IDLE;
}

static PGresult *count_nowait(struct dwh *s, const char *sql)
{
	PGresult *res = NULL;

	if (db_exec(s, "BEGIN") != DWH_OK)
		return NULL;
	if (db_exec(s, "SET LOCAL lock_timeout = '100ms'") == DWH_OK)
		res = db_query(s, sql);
	if (db_exec(s, res ? "COMMIT" : "ROLLBACK") != DWH_OK) {
		PQclear(res);
		return NULL;
	}
	return res;
}

long long db_count(struct dwh *s, const char *table)
{
	char *id, *sql;
	PGresult *res;
	long long n;
	int exists = db_table_exists(s, table);

	if (exists < 0)
		return DB_ERROR;
	if (!exists)
		return DB_NO_TABLE;
	if (!(id = db_ident(s, table)))
		return DB_ERROR;
	sql = malloc(strlen(id) + 40);
	if (!sql) {
		free(id);
		return DB_ERROR;
	}
	sprintf(sql, "SELECT count(*) FROM %s", id);
	free(id);
	res = after_ctrl_c(s) ? count_nowait(s, sql) : db_query(s, sql);
	free(sql);
	if (!res)
		return DB_ERROR;
	n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

const char *db_dialect(const struct dwh *s)
{
	if (s->opts.dialect && *s->opts.dialect)
		return s->opts.dialect;
	return s->server.engine == ENGINE_REDSHIFT ? "redshift" : "postgres";
}
