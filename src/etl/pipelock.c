/* pipelock.c — the pipeline lock. PostgreSQL: a session-level advisory lock, tried without
 * waiting (pg_try_advisory_lock); the holder describes itself in its application_name
 * ("dwh 4711@h 12:01:33 load songplays"), which pg_stat_activity shows the second dwh next to
 * the lock in pg_locks. Redshift has no advisory locks: each stage's and load's transaction
 * LOCKs dwh_lock (the sql/redshift/ file's own statement after BEGIN), and a dwh about to start
 * looks in SVV_TRANSACTIONS first, so it can refuse rather than wait (Redshift's LOCK always
 * waits). One session per process holds it, so the nesting depth is kept here. */
#include "etl/pipelock.h"

#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOCK_KEY "1685547008"   /* 'dwh\0' as a number: classid 0, objid this, in pg_locks */

static int depth;
static PGconn *holder;          /* the connection that holds it */
static char saved_app[64];

/* "dwh 4711@host 12:01:33 load songplays" → "load songplays by dwh pid 4711 on host host,
 * started 12:01:33"; anything else is named by its backend. */
static void describe(const char *app, const char *pid, const char *since, char *buf, size_t n)
{
	long cpid;
	char host[64], at[16];
	int used = 0;

	if (sscanf(app, "dwh %ld@%63s %15s %n", &cpid, host, at, &used) == 3 && used > 0)
		snprintf(buf, n, "%s by dwh pid %ld on host %s, started %s", app + used, cpid, host, at);
	else
		snprintf(buf, n, "server process %s (%s), started %s", pid, app[0] ? app : "no name",
			 since);
}

/* Who holds it: an advisory lock belongs to its database, so a dwh building another
 * database's warehouse on the same server holds a lock of the same key that is not ours. */
static enum dwh_rc busy(struct dwh *s, const char *what)
{
	PGresult *res = db_query(s, "SELECT a.application_name, a.pid, "
				 "to_char(COALESCE(a.xact_start, a.backend_start), 'HH24:MI:SS') "
				 "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
				 "WHERE l.locktype = 'advisory' AND l.classid = 0 AND l.objid = "
				 LOCK_KEY " AND l.granted AND l.database = "
				 "(SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1");
	char who[256] = "another session";

	if (res && PQntuples(res) > 0)
		describe(PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2), who,
			 sizeof who);
	PQclear(res);
	return dwh_fail(s, "%s: the pipeline is busy — %s", what, who);
}

/* Say who runs what, for the next dwh that finds the lock taken. */
static void announce(struct dwh *s, const char *what)
{
	char app[64], host[64] = "", at[16];
	time_t now = time(NULL);
	struct tm tm;
	const char *p[1] = { app };

	localtime_r(&now, &tm);
	strftime(at, sizeof at, "%H:%M:%S", &tm);
	gethostname(host, sizeof host - 1);
	host[20] = '\0';        /* application_name keeps 63 bytes: the stage must fit */
	snprintf(app, sizeof app, "dwh %ld@%s %s %s", (long)getpid(), host, at, what);
	PQclear(db_queryp(s, "SELECT set_config('application_name', $1, false)", 1, p));
}

/* SVV_TRANSACTIONS lists the locks of open transactions on provisioned clusters and Serverless
 * alike (no STV_ table, which Serverless lacks); "regular users can see only their own data",
 * which is who runs a warehouse's pipeline; another user's run is not seen here, and the LOCK
 * then waits for it (LOCK "waiting if necessary for any conflicting locks to be released").
 * https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TRANSACTIONS.html,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html
 * The table id is looked up in pg_class first, a catalog query the leader node answers alone:
 * the view is then read with a plain integer, no catalog join. When either query fails the run
 * does not go on: a check that could not look has not found the pipeline free. */
static enum dwh_rc redshift_check(struct dwh *s, const char *what)
{
	PGresult *res = db_query(s, "SELECT c.oid FROM pg_class c JOIN pg_namespace n "
				 "ON n.oid = c.relnamespace WHERE c.relname = 'dwh_lock' "
				 "AND n.nspname = current_schema()");
	char sql[512], why[sizeof s->err.msg];
	long long id;

	if (!res) {
		snprintf(why, sizeof why, "%s", s->err.msg);
		return dwh_fail(s, "%s: could not check the pipeline lock: %s", what, why);
	}
	if (PQntuples(res) == 0) {      /* no dwh_lock yet (before create): nobody holds it */
		PQclear(res);
		return DWH_OK;
	}
	id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(sql, sizeof sql, "SELECT pid, TRIM(txn_owner), TO_CHAR(txn_start, 'HH24:MI:SS') "
		 "FROM svv_transactions WHERE relation = %lld AND granted "
		 "AND pid <> pg_backend_pid() LIMIT 1", id);
	if (!(res = db_query(s, sql))) {
		snprintf(why, sizeof why, "%s", s->err.msg);
		return dwh_fail(s, "%s: could not check the pipeline lock (SVV_TRANSACTIONS): %s",
				what, why);
	}
	if (PQntuples(res) > 0) {
		err_set(&s->err, "%s: the pipeline is busy — Redshift process %s of user %s, "
			"started %s, holds dwh_lock", what, PQgetvalue(res, 0, 0),
			PQgetvalue(res, 0, 1), PQgetvalue(res, 0, 2));
		PQclear(res);
		return DWH_FAIL;
	}
	PQclear(res);
	return DWH_OK;
}

enum dwh_rc pipe_lock(struct dwh *s, const char *what)
{
	PGresult *res;
	bool got;

	if (depth > 0 && holder == s->conn) {
		depth++;
		announce(s, what);
		return DWH_OK;
	}
	if (s->server.engine == ENGINE_REDSHIFT)
		return redshift_check(s, what);
	if (!(res = db_query(s, "SELECT pg_try_advisory_lock(" LOCK_KEY "), "
			     "current_setting('application_name')")))
		return db_fail_rc(s);
	got = PQgetvalue(res, 0, 0)[0] == 't';
	snprintf(saved_app, sizeof saved_app, "%s", PQgetvalue(res, 0, 1));
	PQclear(res);
	if (!got)
		return busy(s, what);
	depth = 1;
	holder = s->conn;
	announce(s, what);
	return DWH_OK;
}

void pipe_unlock(struct dwh *s)
{
	struct dwh_err keep = s->err;
	const char *p[1] = { saved_app };

	if (depth == 0 || holder != s->conn) {
		depth = 0;      /* a new connection holds nothing */
		return;
	}
	if (--depth > 0)
		return;
	holder = NULL;
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK &&
	    PQtransactionStatus(s->conn) == PQTRANS_IDLE)
		PQclear(db_queryp(s, "SELECT pg_advisory_unlock(" LOCK_KEY "), "
				  "set_config('application_name', $1, false)", 1, p));
	s->err = keep;
}
