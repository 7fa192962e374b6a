/* schema.c — running the DDL files, one transaction per part (schema.h). */
#include "etl/schema.h"

#include "db/db.h"
#include "etl/runlog.h"
#include "db/sqlfile.h"

#include <stdlib.h>
#include <string.h>

const char *const schema_parts[] = { "staging", "star", NULL };

/* Run sql/<dialect>/<verb>_<part>.sql as one transaction. */
static enum dwh_rc run_file(struct dwh *s, const char *verb, const char *part)
{
	char name[64];
	char *sql;
	enum dwh_rc rc;

	snprintf(name, sizeof name, "%s_%s", verb, part);
	if (!(sql = sqlfile_read(s, name)))
		return DWH_FAIL;
	/* "already exists, skipping" notices are expected from IF [NOT] EXISTS: keep them quiet */
	rc = db_exec(s, strcmp(db_dialect(s), "postgres") ? "BEGIN"
		     : "BEGIN; SET LOCAL client_min_messages = warning");
	if (rc == DWH_OK && (rc = db_exec(s, sql)) == DWH_OK)
		rc = db_exec(s, "COMMIT");
	if (rc != DWH_OK)
		rc = db_rollback(s);
	free(sql);
	return rc;
}

static void say_done(struct dwh *s, bool create, const char *part)
{
	const char *what = !strcmp(part, "star") ? "star schema: songplays, users, songs, artists, time"
		: !strcmp(part, "runs") ? "run log: dwh_runs, dwh_files, dwh_play_keys, dwh_user_events"
		: "staging tables: staging_events, staging_songs";

	dwh_msg(s, LOG_INFO, "%s %s", create ? "created" : "dropped", what);
}

/* The whole warehouse (part NULL) has a run log (runlog.h), made after the tables it
 * describes and dropped with them. */
static enum dwh_rc runs_part(struct dwh *s, const char *verb, const char *part)
{
	enum dwh_rc rc;

	if (part)
		return DWH_OK;
	/* a log an older dwh made is brought to this one's form first (runlog_ensure): the file
	 * itself only makes what is missing */
	if (!strcmp(verb, "create") && db_table_exists(s, "dwh_runs") == 1 && runlog_ensure(s) < 0)
		return db_fail_rc(s);
	if ((rc = run_file(s, verb, "runs")) == DWH_OK)
		say_done(s, !strcmp(verb, "create"), "runs");
	return rc;
}

/* create's own row in the run log, when there is one. */
static enum dwh_rc log_create(struct dwh *s, const struct run_rec *run, enum dwh_rc rc)
{
	struct dwh_err keep = s->err;   /* why create failed, which no look at the log may lose */

	if (db_table_exists(s, "dwh_runs") != 1) {
		s->err = keep;
		return rc;
	}
	if (rc == DWH_OK)
		return runlog_write(s, run, "done");
	runlog_failed(s, run);
	return rc;
}

enum dwh_rc schema_create(struct dwh *s, const char *part)
{
	double t0 = dwh_now();
	enum dwh_rc rc = DWH_OK;
	struct run_rec run;

	run_begin(&run, "create");
	dwh_stage(s, "create", STAGE_RUNNING, -1, 0);
	for (int i = 0; schema_parts[i] && rc == DWH_OK; i++) {
		if (part && strcmp(part, schema_parts[i]))
			continue;
		if ((rc = run_file(s, "create", schema_parts[i])) == DWH_OK)
			say_done(s, true, schema_parts[i]);
	}
	if (rc == DWH_OK)
		rc = runs_part(s, "create", part);
	rc = log_create(s, &run, rc);
	dwh_stage(s, "create", rc == DWH_OK ? STAGE_DONE : STAGE_FAILED, -1, dwh_now() - t0);
	return rc;
}

enum dwh_rc schema_drop(struct dwh *s, const char *part)
{
	enum dwh_rc rc = DWH_OK;

	for (int i = 1; i >= 0 && rc == DWH_OK; i--) {
		if (part && strcmp(part, schema_parts[i]))
			continue;
		if ((rc = run_file(s, "drop", schema_parts[i])) == DWH_OK)
			say_done(s, false, schema_parts[i]);
	}
	return rc == DWH_OK ? runs_part(s, "drop", part) : rc;
}
