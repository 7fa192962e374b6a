/* test_rs_sys.c — the system-view queries dwh reads on Redshift, in both flavours: a
 * provisioned cluster (STL_/STV_ tables) and Serverless (SYS_ views only, "System monitoring
 * (provisioned only)"), pinned by golden files under tests/golden/rs_sys_*.sql; telling the two
 * apart by the workgroup endpoint; and progress summed across slices, "not yet known" when
 * Redshift has reported nothing. */
#include "t.h"

#include "db/result.h"
#include "redshift/sysviews.h"
#include "db/conn.h"
#include "base/fsutil.h"

#include <stdlib.h>

/* The golden file's text is the query plus a newline. */
static void golden(const char *name, char *sql)
{
	struct dwh_err e;
	char path[256], *want;

	snprintf(path, sizeof path, "tests/golden/rs_sys_%s.sql", name);
	want = fs_read_all(path, NULL, &e);
	CHECK(want != NULL && sql != NULL);
	if (want && sql) {
		size_t n = strlen(want);

		if (n && want[n - 1] == '\n')
			want[n - 1] = '\0';
		CHECK_STR(sql, want);
	}
	free(want);
	free(sql);
}

/* Progress: per-slice rows of STV_LOAD_STATE summed; SYS_LOAD_HISTORY's running row. */
TEST(rs_sys_progress_golden)
{
	golden("progress_provisioned", rs_progress_sql(false, 4711));
	golden("progress_serverless", rs_progress_sql(true, 4711));
}

/* Errors of the newest load, by this session (pid) and table, in both flavours; the bounds
 * (the query before each table's COPY) on provisioned only. */
TEST(rs_sys_errors_golden)
{
	struct rs_load_filter ev = { "staging_events", 4711, { 100, 200 }, { 16401, 16407 } };
	struct rs_load_filter both = { NULL, 4711, { 100, 200 }, { 16401, 16407 } };
	struct rs_load_filter any = { "staging_songs", 0, { 0, 0 }, { 16401, 16407 } };

	golden("errors_provisioned_events", rs_errors_sql(false, &ev));
	golden("errors_provisioned_both", rs_errors_sql(false, &both));
	golden("errors_provisioned_any_session", rs_errors_sql(false, &any));
	golden("errors_serverless_events", rs_errors_sql(true, &ev));
	golden("errors_serverless_both", rs_errors_sql(true, &both));
	golden("errors_serverless_any_session", rs_errors_sql(true, &any));
}

/* The properties the goldens hold, said once in words, so a regenerated golden cannot quietly
 * lose one: session and table filters, never pg_last_copy_id(), each flavour its own views. */
TEST(rs_sys_errors_filters)
{
	struct rs_load_filter ev = { "staging_events", 4711, { 100, 200 }, { 16401, 16407 } };
	char *p = rs_errors_sql(false, &ev), *v = rs_errors_sql(true, &ev);

	CHECK_CONTAINS(p, "l.session = 4711");
	CHECK_CONTAINS(p, "l.tbl IN (0, 16407)");        /* the events table's id alone */
	CHECK_CONTAINS(p, "CASE l.tbl WHEN 16401 THEN 100 ELSE 200 END");
	/* STV_TBL_PERM is visible only to superusers: table ids come from pg_class instead */
	CHECK(p && !strstr(p, "stv_tbl_perm") && !strstr(p, "pg_class"));
	CHECK(p && !strstr(p, "pg_last_copy_id") && !strstr(p, "sys_"));
	CHECK_CONTAINS(v, "session_id = 4711");
	CHECK_CONTAINS(v, "TRIM(table_name) IN ('staging_events')");
	CHECK(v && !strstr(v, "stl_") && !strstr(v, "stv_"));
	free(p);
	free(v);
}

TEST(rs_sys_serverless_host)
{
	CHECK(conn_serverless_host("default.123456789012.us-east-1.redshift-serverless.amazonaws.com"));
	CHECK(conn_serverless_host("WG.1.EU-WEST-1.REDSHIFT-SERVERLESS.AMAZONAWS.COM"));
	CHECK(!conn_serverless_host("dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com"));
	CHECK(!conn_serverless_host("localhost"));
	CHECK(!conn_serverless_host(NULL));
}

/* A result of one row of six numbers, as the progress query returns. */
static PGresult *row(const char *const v[6])
{
	static const char *const cols[] = { "n", "bd", "bt", "rows", "fd", "ft" };
	PGresult *res = result_new(6, cols, NULL);

	for (int i = 0; res && i < 6; i++)
		result_set(res, 0, i, v[i]);
	return res;
}

TEST(rs_sys_progress_row)
{
	struct dwh_progress p = { 0 };
	PGresult *res;

	/* nothing reported yet (no slice has a row): not known, and *p untouched */
	res = row((const char *const[]){ "0", "0", "0", "0", "0", "0" });
	CHECK(!rs_progress_row(res, &p));
	CHECK_INT(p.files_total, 0);
	PQclear(res);
	/* the SQL summed the slices; the row is read as it is */
	res = row((const char *const[]){ "2", "300", "1000", "7", "3", "8" });
	CHECK(rs_progress_row(res, &p));
	CHECK_INT(p.bytes_done, 300);
	CHECK_INT(p.bytes_total, 1000);
	CHECK_INT(p.rows, 7);
	CHECK_INT(p.files_done, 3);
	CHECK_INT(p.files_total, 8);
	PQclear(res);
	CHECK(!rs_progress_row(NULL, &p));
}
