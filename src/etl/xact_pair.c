/* xact_pair.c — finishing the two-phase commits of stage pairs an older dwh left prepared
 * (see xact_pair.h). Global ids are "dwh:pair:PID:N:1" and ":2", PID being the backend of the
 * second connection: while that backend lives, the pair belongs to a running dwh and recovery
 * leaves it alone. */
#include "etl/xact_pair.h"

#include "db/conn.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GID_PREFIX "dwh:pair:"

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
