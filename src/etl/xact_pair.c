/* xact_pair.c — two-phase commit of two connections' transactions (see xact_pair.h). Global
 * ids are "dwh:pair:PID:N:1" and ":2", PID being the backend of the second connection: while
 * that backend lives, the pair belongs to a running dwh and recovery leaves it alone. */
#include "etl/xact_pair.h"

#include "db/conn.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GID_PREFIX "dwh:pair:"

bool pair_supported(struct dwh *s)
{
	PGresult *r = PQexec(s->conn, "SELECT current_setting('max_prepared_transactions', true)");
	bool ok = PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 &&
		  atoi(PQgetvalue(r, 0, 0)) > 0;

	PQclear(r);
	return ok;
}

static bool live(struct dwh *s)
{
	return s->conn && PQstatus(s->conn) == CONNECTION_OK;
}

/* "COMMIT PREPARED 'gid'" (or ROLLBACK) on whichever of the two connections still works. */
static enum dwh_rc finish(struct dwh *a, struct dwh *b, const char *verb, const char *gid)
{
	char sql[128];
	struct dwh *via = live(a) ? a : b;

	snprintf(sql, sizeof sql, "%s PREPARED '%s'", verb, gid);
	if (db_exec(via, sql) == DWH_OK)
		return DWH_OK;
	if (via == a && live(b) && db_exec(b, sql) == DWH_OK)
		return DWH_OK;
	return DWH_FAIL;
}

static enum dwh_rc prepare(struct dwh *s, const char *gid)
{
	char sql[128];

	snprintf(sql, sizeof sql, "PREPARE TRANSACTION '%s'", gid);
	return db_exec(s, sql);
}

enum dwh_rc pair_commit(struct dwh *a, struct dwh *b, int *failed)
{
	static unsigned serial;
	char gid1[64], gid2[64];
	int rc;

	snprintf(gid1, sizeof gid1, GID_PREFIX "%d:%u:1", PQbackendPID(b->conn), ++serial);
	snprintf(gid2, sizeof gid2, GID_PREFIX "%d:%u:2", PQbackendPID(b->conn), serial);
	if ((rc = prepare(a, gid1)) != DWH_OK) {
		*failed = 1;    /* a failed PREPARE ends a's transaction; the caller rolls back b */
		return rc;
	}
	if ((rc = prepare(b, gid2)) != DWH_OK) {
		struct dwh_err keep = b->err;

		*failed = 2;
		if (finish(a, b, "ROLLBACK", gid1) != DWH_OK)   /* else pair_recover does it */
			dwh_msg(b, LOG_WARN, "stage: the songs part (%s) stays prepared until the "
				"next connection rolls it back", gid1);
		b->err = keep;
		return rc;
	}
	/* committed from here on: a failure now only delays it until the next connection */
	if (finish(a, b, "COMMIT", gid1) != DWH_OK || finish(b, a, "COMMIT", gid2) != DWH_OK)
		dwh_msg(b, LOG_WARN, "stage: committed, but the connection was lost before both "
			"parts were finished; the next connection finishes them");
	return DWH_OK;
}

/* The orphaned parts and what each needs, oldest pair first. */
static const char recover_sql[] =
	"SELECT p.gid, CASE WHEN EXISTS (SELECT 1 FROM pg_prepared_xacts q "
	"  WHERE q.gid = regexp_replace(p.gid, ':[12]$', ':2')) THEN 'COMMIT' ELSE 'ROLLBACK' END "
	"FROM pg_prepared_xacts p "
	"WHERE p.database = current_database() AND p.gid LIKE '" GID_PREFIX "%' "
	"  AND p.gid ~ '^" GID_PREFIX "[0-9]+:[0-9]+:[12]$' "
	"  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a "
	"    WHERE a.pid = split_part(p.gid, ':', 3)::int) "
	"ORDER BY p.prepared";

void pair_recover(struct dwh *s)
{
	PGresult *r;
	char sql[160];

	if (s->server.engine != ENGINE_POSTGRES)
		return;
	r = PQexec(s->conn, recover_sql);
	for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++) {
		const char *gid = PQgetvalue(r, i, 0), *verb = PQgetvalue(r, i, 1);

		snprintf(sql, sizeof sql, "%s PREPARED '%s'", verb, gid);
		if (db_exec(s, sql) == DWH_OK)
			dwh_msg(s, LOG_WARN, "%s an interrupted stage left half-committed (%s)",
				!strcmp(verb, "COMMIT") ? "finished" : "rolled back", gid);
		else
			dwh_msg(s, LOG_WARN, "could not finish %s (%s)", gid, s->err.msg);
	}
	PQclear(r);
	err_clear(&s->err);
}

void pair_install(struct dwh *s)
{
	conn_on_connect(s, pair_recover);
}
