/* cmd_create.c — `create` and `drop`: the staging tables and the star schema, from the
 * dialect's sql/<dialect>/{create,drop}_{staging,star}.sql, each part in one transaction. */
#include "cmd.h"

#include "db.h"
#include "runlog.h"
#include "sqlfile.h"

#include <stdlib.h>
#include <string.h>

static const char *const parts[] = { "staging", "star", NULL };

/* Run sql/<dialect>/<verb>_<part>.sql as one transaction. */
static int run_file(struct dwh *s, const char *verb, const char *part)
{
	char name[64];
	char *sql;
	int rc;

	snprintf(name, sizeof name, "%s_%s", verb, part);
	if (!(sql = sqlfile_read(s, name)))
		return DWH_FAIL;
	/* "already exists, skipping" notices are expected from IF [NOT] EXISTS: keep them quiet */
	rc = db_exec(s, strcmp(db_dialect(s), "postgres") ? "BEGIN"
		     : "BEGIN; SET LOCAL client_min_messages = warning");
	if (rc == DWH_OK && (rc = db_exec(s, sql)) == DWH_OK)
		rc = db_exec(s, "COMMIT");
	if (rc != DWH_OK) {
		struct dwh_err keep = s->err;

		if (s->conn && PQstatus(s->conn) == CONNECTION_OK)
			db_exec(s, "ROLLBACK");
		s->err = keep;
		rc = db_fail_rc(s);
	}
	free(sql);
	return rc;
}

static const char *what(const char *part)
{
	return !strcmp(part, "star") ? "star schema: songplays, users, songs, artists, time"
	       : !strcmp(part, "runs") ? "run log: dwh_runs, dwh_files, dwh_play_keys, dwh_user_events"
	       : "staging tables: staging_events, staging_songs";
}

/* argv[1] absent: every part (create: staging first; drop: star first). */
static int create_or_drop(struct dwh *s, int argc, char **argv, bool create)
{
	const char *verb = create ? "create" : "drop";
	const char *todo[3];
	struct run_rec run;
	int n = 0, rc = DWH_OK;
	double t0 = dwh_now();

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "staging") && strcmp(argv[1], "star"))) {
		err_set(&s->err, "usage: %s [staging|star]", verb);
		return DWH_FAIL;
	}
	if (argc == 2)
		todo[n++] = argv[1];
	else if (create)    /* the whole warehouse has a run log (runlog.h) */
		todo[0] = "staging", todo[1] = "star", todo[2] = "runs", n = 3;
	else
		todo[0] = "star", todo[1] = "staging", todo[2] = "runs", n = 3;
	run_begin(&run, "create");
	if (create)
		dwh_stage(s, "create", STAGE_RUNNING, -1, 0);
	for (int i = 0; i < n && rc == DWH_OK; i++) {
		rc = run_file(s, verb, todo[i]);
		if (rc == DWH_OK)
			dwh_msg(s, LOG_INFO, "%s %s", create ? "created" : "dropped", what(todo[i]));
	}
	if (create && db_table_exists(s, "dwh_runs") == 1) {
		if (rc == DWH_OK)
			rc = runlog_write(s, &run, "done");
		else
			runlog_failed(s, &run);
	}
	if (create)
		dwh_stage(s, "create", rc == DWH_OK ? STAGE_DONE : STAGE_FAILED, -1, dwh_now() - t0);
	return rc;
}

static int exec_create(struct dwh *s, int argc, char **argv)
{
	return create_or_drop(s, argc, argv, true);
}

static int exec_drop(struct dwh *s, int argc, char **argv)
{
	return create_or_drop(s, argc, argv, false);
}

const struct dwh_cmd cmd_create = {
	.name = "create",
	.args = "[staging|star]",
	.help = "create the staging tables and the star schema (if missing)",
	.detail = "create          staging tables and star schema\n"
		  "create staging  staging_events, staging_songs (and load_errors on PostgreSQL)\n"
		  "create star     songplays, users, songs, artists, time\n"
		  "`create` alone also makes the run log (dwh_runs: one row per stage run, read by\n"
		  "the pipeline pane, step, history and status) and what incremental loads keep\n"
		  "(dwh_files, dwh_play_keys, dwh_user_events).\n"
		  "The DDL is in sql/<dialect>/create_*.sql; tables that exist are kept.",
	.words = parts,
	.needs_conn = true,
	.exec = exec_create,
};

const struct dwh_cmd cmd_drop = {
	.name = "drop",
	.args = "[staging|star]",
	.help = "drop the staging tables and the star schema (IF EXISTS)",
	.detail = "drop            star schema, then staging tables\n"
		  "drop staging    staging_events, staging_songs, load_errors\n"
		  "drop star       songplays, users, songs, artists, time",
	.words = parts,
	.needs_conn = true,
	.exec = exec_drop,
};
