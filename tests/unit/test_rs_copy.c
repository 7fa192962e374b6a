/* test_rs_copy.c — the Redshift SQL dwh generates without a cluster: COPY statements against
 * golden files (hostile quoting included), missing and local config values, the dialect a
 * Redshift version string selects, and the load SQL avoiding what Redshift lacks. */
#include "t.h"

#include "base/config.h"
#include "db/conn.h"
#include "db/db.h"
#include "etl/pipeline.h"
#include "redshift/copy_sql.h"
#include "redshift/copy_run.h"
#include "base/fsutil.h"
#include "db/sqlfile.h"
#include "base/sqlscan.h"

#include <stdlib.h>

#define RS_VERSION "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 " \
		   "20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467"

/* Stop the test at a failed precondition. */
#define NEED(c) do { if (!(c)) { t_fail(__FILE__, __LINE__, "%s", #c); return; } } while (0)

/* A session with no connection, the build tree's sql/, and tests/data/etl/<cfg>.cfg. */
static void session(struct dwh *s, const char *cfg)
{
	char path[256];

	memset(s, 0, sizeof *s);
	snprintf(s->sqldir, sizeof s->sqldir, "sql");
	if (cfg) {
		snprintf(path, sizeof path, "tests/data/etl/%s.cfg", cfg);
		s->cfg = cfg_load(path, &s->err);
		CHECK(s->cfg != NULL);
	}
}

/* tests/golden/<cfg>_stage_<which>[_maxerr<N>].sql is exactly what `stage which` sends. */
static void golden_n(const char *cfg, const char *which, long max_errors)
{
	struct dwh s;
	char path[256];
	char *got, *want;

	session(&s, cfg);
	if (max_errors)
		snprintf(path, sizeof path, "tests/golden/%s_stage_%s_maxerr%ld.sql", cfg, which,
			 max_errors);
	else
		snprintf(path, sizeof path, "tests/golden/%s_stage_%s.sql", cfg, which);
	want = fs_read_all(path, NULL, &s.err);
	got = rs_copy_sql(&s, which, max_errors);
	CHECK(want != NULL);
	CHECK_STR(got, want);
	free(got), free(want);
	cfg_free(s.cfg);
}

static void golden(const char *cfg, const char *which) { golden_n(cfg, which, 0); }

TEST(rs_copy_golden_events) { golden("rs", "events"); }
TEST(rs_copy_golden_songs) { golden("rs", "songs"); }
TEST(rs_copy_golden_hostile_events) { golden("rs_hostile", "events"); }
TEST(rs_copy_golden_hostile_songs) { golden("rs_hostile", "songs"); }
TEST(rs_copy_golden_noregion_events) { golden("rs_noregion", "events"); }
TEST(rs_copy_golden_noregion_songs) { golden("rs_noregion", "songs"); }
/* Serverless takes the same COPY (its syntax does not differ); the cfg has a workgroup HOST */
TEST(rs_copy_golden_serverless_events) { golden("rs_serverless", "events"); }
TEST(rs_copy_golden_serverless_songs) { golden("rs_serverless", "songs"); }
/* --max-errors N is the COPY's MAXERROR N ("Data load operations": the default is 0) */
TEST(rs_copy_golden_maxerr_events) { golden_n("rs", "events", 5); }
TEST(rs_copy_golden_maxerr_songs) { golden_n("rs", "songs", 5); }

static void strip_comments(char *sql);

/* The COPY options decided from the docs (reasons in sql/redshift/stage_*.sql), outside its
 * comments (which name what is left out). */
TEST(rs_copy_options)
{
	struct dwh s;
	char *sql;

	session(&s, "rs");
	for (int i = 0; i < 2; i++) {
		sql = rs_copy_sql(&s, i ? "songs" : "events", 0);
		NEED(sql != NULL);
		strip_comments(sql);
		CHECK(!strstr(sql, "TIMEFORMAT"));      /* ts is a BIGINT; songs have no time */
		CHECK_CONTAINS(sql, "\nMAXERROR 0\n");
		CHECK_CONTAINS(sql, "\nCOMPUPDATE OFF\n");
		CHECK_CONTAINS(sql, "\nSTATUPDATE OFF\n");
		CHECK(!strstr(sql, ":MAX_ERRORS"));
		free(sql);
	}
	sql = rs_copy_sql(&s, "events", 100000);       /* Redshift's limit, "Data load operations" */
	CHECK_CONTAINS(sql, "\nMAXERROR 100000\n");
	free(sql);
	sql = rs_copy_sql(&s, "events", 100001);       /* over it: refused, saying the limit */
	CHECK(sql == NULL);
	CHECK_CONTAINS(s.err.msg, "at most 100000");
	free(sql);
	cfg_free(s.cfg);
}

/* 'auto' for the events loads firstName, userId, ... as NULL without an error: refused. */
TEST(rs_copy_refuses_log_jsonpath_auto)
{
	struct dwh s;
	char *sql;

	session(&s, "rs_auto");
	CHECK(rs_copy_sql(&s, "events", 0) == NULL);
	CHECK_CONTAINS(s.err.msg, "LOG_JSONPATH = auto");
	CHECK_CONTAINS(s.err.msg, "camelCase");
	CHECK_CONTAINS(s.err.msg, "log_json_path.json");
	/* the songs COPY does not use it and still works */
	err_clear(&s.err);
	sql = rs_copy_sql(&s, "songs", 0);
	CHECK(sql != NULL);
	free(sql);
	cfg_free(s.cfg);
}

/* What `stage events` sends (rs_statements, which rs_stage sends from): BEGIN, the pipeline's
 * LOCK dwh_lock, DELETE, COPY, COMMIT, each a statement of its own, and nothing but the shown text: the pieces put back
 * together are the text `show sql` prints. */
TEST(rs_copy_cuts_into_five_statements)
{
	const char *want[] = { "BEGIN;", "LOCK dwh_lock;", "DELETE FROM staging_events;", "COPY staging_events",
			       "COMMIT;" };
	struct dwh s;
	char *sql, *stmt[RS_MAX_STATEMENTS], joined[16384] = "";
	int n;

	session(&s, "rs");
	sql = rs_copy_sql(&s, "events", 0);
	NEED(sql != NULL);
	n = rs_statements(sql, 0, stmt, RS_MAX_STATEMENTS);
	CHECK_INT(n, 5);
	for (int i = 0; i < n; i++) {
		CHECK_CONTAINS(stmt[i], want[i]);
		for (int j = 0; j < 5; j++)     /* no other statement rides along */
			if (j != i)
				CHECK(!strstr(stmt[i], want[j]));
		strncat(joined, stmt[i], sizeof joined - strlen(joined) - 1);
		free(stmt[i]);
	}
	strncat(joined, "\n", sizeof joined - strlen(joined) - 1);   /* the text's last newline */
	CHECK_STR(joined, sql);
	free(sql);
	cfg_free(s.cfg);
}

/* `stage` alone: songs' COMMIT and events' BEGIN are left out, so the two COPYs share one
 * transaction (BEGIN, LOCK, DELETE, COPY songs, LOCK again (a no-op in the same transaction),
 * DELETE, COPY events, COMMIT). */
TEST(rs_stage_all_is_one_transaction)
{
	struct dwh s;
	char *songs, *events, *a[RS_MAX_STATEMENTS], *b[RS_MAX_STATEMENTS];
	int na, nb;

	session(&s, "rs");
	songs = rs_copy_sql(&s, "songs", 0);
	events = rs_copy_sql(&s, "events", 0);
	NEED(songs && events);
	na = rs_statements(songs, RS_SKIP_COMMIT, a, RS_MAX_STATEMENTS);
	nb = rs_statements(events, RS_SKIP_BEGIN, b, RS_MAX_STATEMENTS);
	NEED(na == 4 && nb == 4);
	CHECK_CONTAINS(a[0], "BEGIN;");
	CHECK_CONTAINS(a[1], "LOCK dwh_lock;");
	CHECK_CONTAINS(a[3], "COPY staging_songs");
	CHECK(!strstr(b[0], "BEGIN;"));
	CHECK_CONTAINS(b[1], "DELETE FROM staging_events;");
	CHECK_CONTAINS(b[3], "COMMIT;");
	for (int i = 0; i < 4; i++) {
		CHECK(!strstr(a[i], "COMMIT;"));
		free(a[i]), free(b[i]);
	}
	/* too little room is an error, with nothing left allocated */
	CHECK_INT(rs_statements(songs, 0, a, 2), -1);
	free(songs), free(events);
	cfg_free(s.cfg);
}

TEST(rs_literal_quotes_and_backslashes)
{
	char *v;

	v = rs_literal("");
	CHECK_STR(v, "''");
	free(v);
	v = rs_literal("plain");
	CHECK_STR(v, "'plain'");
	free(v);
	v = rs_literal("o'brien");
	CHECK_STR(v, "'o''brien'");
	free(v);
	v = rs_literal("a\\b");
	CHECK_STR(v, "'a\\\\b'");
	free(v);
	v = rs_literal("\\'");
	CHECK_STR(v, "'\\\\'''");
	free(v);
	v = rs_literal("x'; DROP TABLE users; --");
	CHECK_STR(v, "'x''; DROP TABLE users; --'");
	free(v);
}

TEST(rs_copy_names_missing_role)
{
	struct dwh s;

	session(&s, "rs_noarn");
	CHECK(rs_copy_sql(&s, "events", 0) == NULL);
	CHECK_CONTAINS(s.err.msg, "[IAM_ROLE]");
	CHECK_CONTAINS(s.err.msg, "ARN");
	cfg_free(s.cfg);
}

TEST(rs_copy_refuses_local_paths)
{
	struct dwh s;

	session(&s, "rs_local");
	CHECK(rs_copy_sql(&s, "songs", 0) == NULL);
	CHECK_CONTAINS(s.err.msg, "not an s3:// path");
	CHECK_CONTAINS(s.err.msg, "aws s3 sync ./data/song_data");
	cfg_free(s.cfg);
}

TEST(rs_copy_needs_config)
{
	struct dwh s;

	session(&s, NULL);
	CHECK(rs_copy_sql(&s, "events", 0) == NULL);
	CHECK_CONTAINS(s.err.msg, "dwh.cfg");
	CHECK(rs_copy_sql(&s, "users", 0) == NULL);
	CHECK_CONTAINS(s.err.msg, "songs or events");
}

TEST(rs_stage_refuses_local_data_dir)
{
	struct dwh s;

	session(&s, "rs");
	s.opts.data_dir = "../shared/data/udacity-sample";
	CHECK_INT(rs_stage(&s, "events", 0), DWH_FAIL);
	CHECK_CONTAINS(s.err.msg, "no COPY FROM STDIN");
	CHECK_CONTAINS(s.err.msg, "aws s3 sync ../shared/data/udacity-sample");
	cfg_free(s.cfg);
}

/* A Redshift version string selects the Redshift SQL; a PostgreSQL one, PostgreSQL's. */
TEST(rs_engine_selects_dialect)
{
	struct dwh s;
	char *sql;

	session(&s, "rs");
	s.server.engine = conn_engine_of(RS_VERSION);
	CHECK_INT(s.server.engine, ENGINE_REDSHIFT);
	CHECK_STR(db_dialect(&s), "redshift");
	sql = pipe_sql(&s, &pipe_stages[3]);
	CHECK_CONTAINS(sql, "ROW_NUMBER()");
	free(sql);
	sql = pipe_sql(&s, pipe_find(&s, 2, (char *[]){ "stage", "events" }));
	CHECK_CONTAINS(sql, "COPY staging_events\nFROM 's3://udacity-dend/log_data'");
	free(sql);

	s.server.engine = conn_engine_of("PostgreSQL 15.4 (Debian 15.4-1) on x86_64-pc-linux-gnu");
	CHECK_STR(db_dialect(&s), "postgres");
	sql = pipe_sql(&s, &pipe_stages[3]);
	CHECK_CONTAINS(sql, "DISTINCT ON");
	free(sql);
	sql = pipe_sql(&s, pipe_find(&s, 2, (char *[]){ "stage", "events" }));
	CHECK_CONTAINS(sql, "FROM STDIN");
	free(sql);
	/* --dialect wins over the engine */
	s.opts.dialect = "redshift";
	CHECK_STR(db_dialect(&s), "redshift");
	cfg_free(s.cfg);
}

/* SQL without its -- comments (which may well name what the code avoids). */
static void strip_comments(char *sql)
{
	char *c;

	while ((c = strstr(sql, "--")) != NULL) {
		size_t n = strcspn(c, "\n");

		memmove(c, c + n, strlen(c + n) + 1);
	}
}

/* What Redshift lacks or does differently must not appear in its load SQL. */
TEST(rs_load_sql_is_redshift_sql)
{
	struct dwh s;

	session(&s, NULL);
	s.opts.dialect = "redshift";
	for (int i = 0; i < PIPE_NSTAGES; i++) {
		char *sql;

		if (pipe_stages[i].kind != PIPE_LOAD)
			continue;
		sql = pipe_sql(&s, &pipe_stages[i]);
		CHECK(sql != NULL);
		if (!sql)
			continue;
		strip_comments(sql);
		CHECK(!strstr(sql, "TRUNCATE"));        /* commits at once on Redshift */
		CHECK(!strstr(sql, "DISTINCT ON"));
		CHECK(!strstr(sql, "ON CONFLICT"));
		CHECK(!strstr(sql, "SET LOCAL"));
		CHECK(!strstr(sql, "ts / 1000 ") && !strstr(sql, "ts/1000 "));
		CHECK_CONTAINS(sql, "BEGIN;");
		CHECK_CONTAINS(sql, "DELETE FROM ");
		CHECK_CONTAINS(sql, "COMMIT;");
		if (strcmp(pipe_stages[i].table, "songplays") == 0)
			CHECK_CONTAINS(sql, "ts / 1000.0 * INTERVAL '1 second'");
		free(sql);
	}
}

TEST(pipe_find_names)
{
	struct dwh s;

	session(&s, NULL);
	CHECK_STR(pipe_find(&s, 1, (char *[]){ "load_time" })->name, "load time");
	CHECK_STR(pipe_find(&s, 2, (char *[]){ "Load", "Songplays" })->name, "load songplays");
	CHECK_STR(pipe_find(&s, 1, (char *[]){ "events" })->name, "stage events");
	CHECK_STR(pipe_find(&s, 1, (char *[]){ "create" })->name, "create");
	CHECK(pipe_find(&s, 1, (char *[]){ "songs" }) == NULL);
	CHECK_CONTAINS(s.err.msg, "ambiguous");
	CHECK(pipe_find(&s, 1, (char *[]){ "nothing" }) == NULL);
	CHECK_CONTAINS(s.err.msg, "no such stage");
}
