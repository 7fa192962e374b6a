/* stage_redshift.c — staging on Redshift, around copy_sql.c: the run log's row (after the stage's own
 * COMMIT: the COPY's SQL file commits itself), and the daily case: `stage events --new
 * s3://bucket/log_data/2018/11/2018-11-30` stages that prefix — dwh cannot list S3, so the user
 * names the new one — and dwh_files remembers it, so naming it again stages nothing. */
#include "etl/stage_redshift.h"

#include "db/db.h"
#include "redshift/copy_sql.h"
#include "redshift/copy_run.h"
#include "etl/runlog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int loaded_before(struct dwh *s, const char *stage, const char *prefix)
{
	const char *p[2] = { stage, prefix };
	PGresult *res;
	int n;

	if (db_table_exists(s, "dwh_files") != 1)
		return 0;
	if (!(res = db_queryp(s, "SELECT count(*) FROM dwh_files WHERE stage = $1 AND path = $2",
			      2, p)))
		return -1;
	n = atoi(PQgetvalue(res, 0, 0)) > 0;
	PQclear(res);
	return n;
}

/* The prefix in dwh_files (no size, time or checksum: S3 objects are not read by dwh). */
static void remember(struct dwh *s, const char *stage, const char *prefix, long long rows)
{
	char n[32];
	const char *p[3] = { stage, prefix, n };
	struct dwh_err keep = s->err;

	snprintf(n, sizeof n, "%lld", rows);
	if (db_table_exists(s, "dwh_files") == 1) {
		PQclear(db_queryp(s, "DELETE FROM dwh_files WHERE stage = $1 AND path = $2", 2, p));
		PQclear(db_queryp(s, "INSERT INTO dwh_files (stage, path, size, mtime, checksum, rows, "
				  "loaded) VALUES ($1, $2, 0, GETDATE(), '-', CAST($3 AS BIGINT), "
				  "GETDATE())", 3, p));
	}
	s->err = keep;
}

static enum dwh_rc copy(struct dwh *s, const char *which, const char *path, long max_errors, bool append)
{
	if (path && strncasecmp(path, "s3://", 5) != 0)
		return dwh_fail(s, "stage %s: Redshift cannot COPY from local files; upload them "
				"(aws s3 sync %s s3://BUCKET/PREFIX) and set the [S3] paths in dwh.cfg, "
				"then run `stage %s` without a PATH (or with the s3:// prefix)", which, path,
				which);
	return path || append ? rs_stage_from(s, which, max_errors, path, append)
	       : rs_stage(s, which, max_errors);
}

enum dwh_rc stage_redshift(struct dwh *s, const char *which, const char *path, long max_errors,
		   const struct stage_opts *o)
{
	const char *table = strcmp(which, "songs") ? "staging_events" : "staging_songs", *v;
	bool append = o && o->append, only_new = o && o->only_new;
	struct run_rec run;
	char stage[32];
	enum dwh_rc rc;
	int logged, before;

	snprintf(stage, sizeof stage, "stage %s", which);
	run_begin(&run, stage);
	snprintf(run.mode, sizeof run.mode, "%s%s", only_new ? "new" : append ? "" : "full",
		 append ? (only_new ? "+append" : "append") : "");
	if ((v = path ? path : cfg_get(s->cfg, "S3", strcmp(which, "songs") ? "LOG_DATA" : "SONG_DATA")))
		snprintf(run.input, sizeof run.input, "%s", v);
	if ((logged = runlog_ensure(s)) < 0)
		return db_fail_rc(s);
	if (only_new && run.input[0] && !(o && o->changed)) {
		if ((before = loaded_before(s, stage, run.input)) < 0)
			return db_fail_rc(s);
		if (before) {
			dwh_msg(s, LOG_INFO, "%s: 0 new files (%s was loaded before; --changed loads it "
				"again)", stage, run.input);
			return DWH_OK;
		}
	}
	if ((rc = copy(s, which, path, max_errors, append)) == DWH_OK && logged) {
		run.rows = run.fig.size = db_count(s, table);
		run.files = 1;
		rc = runlog_write(s, &run, "done");
		remember(s, stage, run.input, run.rows);
	} else if (logged) {
		runlog_failed(s, &run);
	}
	return rc;
}

static bool plain(const struct stage_opts *o)
{
	return !o || (!o->only_new && !o->append);
}

enum dwh_rc stage_redshift_all(struct dwh *s, long max_errors, const struct stage_opts *songs,
		       const struct stage_opts *events)
{
	struct run_rec run[2];
	const char *v;
	enum dwh_rc rc;
	int logged;

	if (!plain(songs) || !plain(events))
		return (rc = stage_redshift(s, "songs", NULL, max_errors, songs)) != DWH_OK ? rc
			: stage_redshift(s, "events", NULL, max_errors, events);
	run_begin(&run[0], "stage songs");
	run_begin(&run[1], "stage events");
	for (int i = 0; i < 2; i++)
		if ((v = cfg_get(s->cfg, "S3", i ? "LOG_DATA" : "SONG_DATA")))
			snprintf(run[i].input, sizeof run[i].input, "%s", v);
	if ((logged = runlog_ensure(s)) < 0)
		return db_fail_rc(s);
	rc = rs_stage_all(s, max_errors);
	for (int i = 0; i < 2 && logged; i++) {
		if (rc != DWH_OK) {
			runlog_failed(s, &run[i]);
			continue;
		}
		run[i].rows = run[i].fig.size = db_count(s, i ? "staging_events" : "staging_songs");
		rc = runlog_write(s, &run[i], "done");
	}
	return rc;
}
