/* cmd_diff.c — `diff STAGE`: what a stage's last run changed. Every successful run keeps a
 * snapshot of its table beside the run log (runlog.h: dwh_snapshots, dwh_snap_rows or
 * dwh_snap_days, the last two per stage); sql/<dialect>/diff_NAME.sql sets the two side by
 * side, and this turns its rows into counts named for what they count ("1 user added, 0 removed, 1 changed") and a
 * result with each row's values — a changed one's as "level: free → paid". */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"
#include "db/sqlfile.h"
#include "etl/runlog.h"
#include "etl/stages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What one row of a snapshot is, singular and plural, for the counts. */
static void unit(const char *name, long long n, char *buf, size_t size)
{
	static const char *const units[][3] = {
		{ "users", "user", "users" }, { "songs", "song", "songs" },
		{ "artists", "artist", "artists" },
		{ "songplays", "user-day", "user-days" },     /* one user's plays on one day */
		{ "time", "day", "days" },
		{ "files", "file", "files" },
	};

	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strcmp(units[i][0], name)) {
			snprintf(buf, size, "%s", units[i][n == 1 ? 1 : 2]);
			return;
		}
	snprintf(buf, size, "row%s", dwh_plural(n));
}

/* The stage's last two runs that kept a snapshot, newest first: run_id, when it finished
 * (seconds since the epoch) and the snapshot's rows. NULL with s->err set. */
static PGresult *last_two(struct dwh *s, const char *stage)
{
	const char *p[1] = { stage };
	int e = db_table_exists(s, "dwh_snapshots");

	if (e < 0)
		return NULL;
	if (e == 0)
		return dwh_fail(s, "diff %s: this warehouse keeps no snapshots yet (dwh_snapshots) — "
				"the next run of %s makes them", stage, stage), NULL;
	return db_queryp(s, "SELECT n.run_id, EXTRACT(EPOCH FROM r.finished), n.rows FROM "
			 "dwh_snapshots n JOIN dwh_runs r ON r.run_id = n.run_id WHERE n.stage = $1 "
			 "ORDER BY r.finished DESC, n.run_id DESC LIMIT 2", 1, p);
}

/* One value as shown: NULL spelled out. */
static const char *val(const PGresult *res, int r, int c)
{
	return PQgetisnull(res, r, c) ? "NULL" : PQgetvalue(res, r, c);
}

/* Appends "; " between parts. */
static void add(char *buf, size_t n, const char *fmt, const char *col, const char *a,
		const char *b)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, "%s", len ? "; " : "");
	len = strlen(buf);
	snprintf(buf + len, n - len, fmt, col, a, b);
}

/* A row's values in words: added and removed rows each column's value (the new or the old),
 * a changed row each column that differs, old → new. Columns from `first` on come in pairs,
 * o_NAME then n_NAME. */
static void describe(const PGresult *res, int r, int first, char *buf, size_t n)
{
	const char *change = PQgetvalue(res, r, 0);
	bool added = !strcmp(change, "added"), changed = !strcmp(change, "changed");

	buf[0] = '\0';
	for (int c = first; c + 1 < PQnfields(res); c += 2) {
		const char *col = PQfname(res, c) + 2, *o = val(res, r, c), *v = val(res, r, c + 1);

		if (!changed)
			add(buf, n, "%s: %s%s", col, added ? v : o, "");
		else if (strcmp(o, v) || PQgetisnull(res, r, c) != PQgetisnull(res, r, c + 1))
			add(buf, n, "%s: %s → %s", col, o, v);
	}
	if (changed && !buf[0])
		snprintf(buf, n, "the same figures, other rows (their digest differs)");
}

/* The result: change, the key's columns, then what the row holds or how it changed. */
static PGresult *shown(const PGresult *res, int first, long long count[3])
{
	const char *names[8];
	int numeric[8] = { 0 }, nk = first - 1;
	PGresult *out;
	char text[2048];

	names[0] = "change";
	for (int k = 0; k < nk && k < 6; k++)
		names[1 + k] = PQfname(res, 1 + k);
	names[1 + nk] = "values (a change: old → new)";
	if (!(out = result_new(nk + 2, names, numeric)))
		return NULL;
	for (int r = 0; r < PQntuples(res); r++) {
		const char *change = PQgetvalue(res, r, 0);

		count[!strcmp(change, "added") ? 0 : !strcmp(change, "removed") ? 1 : 2]++;
		for (int c = 0; c < first; c++)
			result_set(out, r, c, PQgetvalue(res, r, c));
		describe(res, r, first, text, sizeof text);
		result_set(out, r, first, text);
	}
	return out;
}

/* The first column of the o_/n_ pairs (after change and the key). */
static int first_pair(const PGresult *res)
{
	int c = 1;

	while (c < PQnfields(res) && strncmp(PQfname(res, c), "o_", 2))
		c++;
	return c;
}

/* A run's finish as "2018-11-30 10:00:00 UTC", from the client's clock that wrote it. */
static void when(const PGresult *runs, int r, char *buf, size_t n)
{
	time_t t = (time_t)atof(PQgetvalue(runs, r, 1));
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

static enum dwh_rc compare(struct dwh *s, const struct pipe_stage *st, const char *name,
			   const PGresult *runs)
{
	const char *p[2] = { PQgetvalue(runs, 1, 0), PQgetvalue(runs, 0, 0) };
	long long count[3] = { 0, 0, 0 };
	char file[48], title[320], u[2][48], t0[40], t1[40];
	PGresult *res, *out;
	int first;

	snprintf(file, sizeof file, "diff_%s", name);
	if (!(res = sqlfile_query(s, file, 2, p)))
		return db_fail_rc(s);
	first = first_pair(res);
	out = first > 1 && first <= 7 ? shown(res, first, count) : NULL;
	PQclear(res);
	if (!out)
		return dwh_fail(s, "diff %s: %s answered no columns to compare", st->name, file);
	unit(name, 1, u[0], sizeof u[0]);
	unit(name, 2, u[1], sizeof u[1]);
	when(runs, 1, t0, sizeof t0);
	when(runs, 0, t1, sizeof t1);
	snprintf(title, sizeof title, "diff %s: run %s (%s) → run %s (%s)", st->name, p[0], t0,
		 p[1], t1);
	if (PQntuples(out) > 0)
		dwh_result(s, out, title, -1);
	PQclear(out);
	dwh_msg(s, LOG_INFO, "diff %s: %lld %s added, %lld removed, %lld changed (run %s against "
		"run %s%s)", st->name, count[0], u[count[0] == 1 ? 0 : 1], count[1], count[2], p[1],
		p[0], !strcmp(name, "songplays") ? "; a user-day is one user's plays on one day"
		: !strcmp(name, "time") ? "; a day is the start times of one day" : "");
	return DWH_OK;
}

static enum dwh_rc exec_diff(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st = pipe_find(s, argc - 1, argv + 1);
	const char *name = st ? runlog_snap_name(st->name) : NULL;
	PGresult *runs;
	enum dwh_rc rc;

	if (!st)
		return DWH_FAIL;
	if (!name)
		return dwh_fail(s, "diff %s: it makes tables, not rows — diff a stage that fills one "
				"(load users, stage events, ...)", st->name);
	if (!(runs = last_two(s, st->name)))
		return db_fail_rc(s);
	if (PQntuples(runs) < 2) {
		rc = dwh_fail(s, "diff %s: %s — a diff needs two runs with a snapshot; run %s again",
			      st->name, PQntuples(runs) ? "only one run has kept a snapshot"
			      : "no run has kept a snapshot yet", st->name);
		PQclear(runs);
		return rc;
	}
	rc = compare(s, st, name, runs);
	PQclear(runs);
	return rc;
}

static const char *const words[] = { "stage_songs", "stage_events", "load_songplays",
	"load_users", "load_songs", "load_artists", "load_time", NULL };

const struct dwh_cmd cmd_diff = {
	.name = "diff",
	.args = "STAGE",
	.min_args = 1,
	.max_args = 2,
	.help = "what a stage's last run changed: rows added, removed and changed",
	.detail = "diff load users     between the last two runs of the stage: how many rows were\n"
		  "                    added, removed and changed, then each one — a changed row as\n"
		  "                    its columns old → new (\"level: free → paid\").\n"
		  "diff load songplays songplays and time are compared per day (songplays per day and\n"
		  "                    user): plays and matched plays old → new.\n"
		  "diff stage events   the files staging holds: added, removed, changed (checksum).\n"
		  "Each successful run keeps a snapshot of its table for this, in its own transaction;\n"
		  "the last two runs of each stage are kept. SQL: sql/<dialect>/snapshot_*.sql, diff_*.sql.",
	.words = words,
	.needs_conn = true,
	.exec = exec_diff,
};
