/* cmd_check.c — `check`: data-quality checks on the star schema, each pass or FAIL with its
 * figure. Every check holds of the warehouse as a whole, whatever staging holds now (after a
 * full run, `run --new`, `--append`, a failed or cancelled stage): the star against itself and
 * against what the run log kept of every batch (dwh_play_keys, dwh_user_events). A check that
 * can only speak about the batch in staging says "last batch" in its name, and is skipped
 * while that batch is not loaded yet. Exits 1 when any check fails. The SQL runs on both
 * engines: no DISTINCT ON, FILTER, now() or casts to regclass. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"
#include "etl/runlog.h"
#include "etl/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum rule {
	ZERO,           /* the figure must be 0 */
	POSITIVE,       /* the figure must be > 0 */
	EQUAL,          /* the figure must equal sql2's */
	SHARE,          /* sql of sql2 (matched of all), passes when > 0 */
};

struct check {
	const char *name;
	enum rule rule;
	const char *sql, *sql2;
	const char *needs[4];           /* star and staging tables the check reads */
	const char *kept;               /* a run log table it reads: skipped without it */
	const char *batch_of;           /* last batch: the load that must have taken staging */
};

#define ORPHANS(dim, col) \
	"SELECT count(*) FROM songplays p LEFT JOIN " dim " d ON d." col " = p." col \
	" WHERE p." col " IS NOT NULL AND d." col " IS NULL"

/* A play's start_time from an event's ts, as both engines' loads compute it. */
#define START(ts) "TIMESTAMP 'epoch' + " ts " / 1000.0 * INTERVAL '1 second'"

/* The user's row came from the event dwh_user_events names; where that event can still be
 * read (a play in songplays, or an event in staging), its level is the row's. */
#define LEVEL_FROM_LATEST \
	"SELECT count(DISTINCT u.user_id) FROM users u JOIN dwh_user_events k ON k.user_id = " \
	"u.user_id LEFT JOIN songplays p ON p.user_id = k.user_id AND p.session_id = " \
	"k.session_id AND p.start_time = " START("k.ts") " LEFT JOIN staging_events e ON " \
	"e.user_id = k.user_id AND e.ts = k.ts AND COALESCE(e.session_id, -1) = k.session_id " \
	"AND COALESCE(e.item_in_session, -1) = k.item_in_session WHERE p.level <> u.level " \
	"OR e.level <> u.level"

static const struct check checks[] = {
	{ "songplays has rows", POSITIVE, "SELECT count(*) FROM songplays", NULL, { "songplays" }, NULL, NULL },
	{ "users has rows", POSITIVE, "SELECT count(*) FROM users", NULL, { "users" }, NULL, NULL },
	{ "songs has rows", POSITIVE, "SELECT count(*) FROM songs", NULL, { "songs" }, NULL, NULL },
	{ "artists has rows", POSITIVE, "SELECT count(*) FROM artists", NULL, { "artists" }, NULL, NULL },
	{ "time has rows", POSITIVE, "SELECT count(*) FROM time", NULL, { "time" }, NULL, NULL },
	{ "songplays = plays of every batch", EQUAL, "SELECT count(*) FROM songplays",
	  "SELECT count(*) FROM dwh_play_keys", { "songplays" }, "dwh_play_keys", NULL },
	{ "users = users of every batch", EQUAL, "SELECT count(*) FROM users",
	  "SELECT count(*) FROM dwh_user_events", { "users" }, "dwh_user_events", NULL },
	{ "time = distinct start_times", EQUAL, "SELECT count(*) FROM time",
	  "SELECT count(DISTINCT start_time) FROM songplays", { "time", "songplays" }, NULL, NULL },
	{ "no NULL keys in songplays", ZERO, "SELECT count(*) FROM songplays WHERE songplay_id "
	  "IS NULL OR start_time IS NULL OR user_id IS NULL", NULL, { "songplays" }, NULL, NULL },
	{ "no NULL keys in users", ZERO, "SELECT count(*) FROM users WHERE user_id IS NULL",
	  NULL, { "users" }, NULL, NULL },
	{ "no NULL keys in songs", ZERO, "SELECT count(*) FROM songs WHERE song_id IS NULL",
	  NULL, { "songs" }, NULL, NULL },
	{ "no NULL keys in artists", ZERO, "SELECT count(*) FROM artists WHERE artist_id IS NULL",
	  NULL, { "artists" }, NULL, NULL },
	{ "no NULL keys in time", ZERO, "SELECT count(*) FROM time WHERE start_time IS NULL",
	  NULL, { "time" }, NULL, NULL },
	{ "no duplicate songplay_id", ZERO,
	  "SELECT count(*) - count(DISTINCT songplay_id) FROM songplays", NULL, { "songplays" }, NULL, NULL },
	{ "no duplicate user_id", ZERO, "SELECT count(*) - count(DISTINCT user_id) FROM users",
	  NULL, { "users" }, NULL, NULL },
	{ "no duplicate song_id", ZERO, "SELECT count(*) - count(DISTINCT song_id) FROM songs",
	  NULL, { "songs" }, NULL, NULL },
	{ "no duplicate artist_id", ZERO,
	  "SELECT count(*) - count(DISTINCT artist_id) FROM artists", NULL, { "artists" }, NULL, NULL },
	{ "no duplicate start_time", ZERO,
	  "SELECT count(*) - count(DISTINCT start_time) FROM time", NULL, { "time" }, NULL, NULL },
	/* one event loaded twice: more plays of a user's session in one millisecond than events
	 * the run log kept for it (two plays of a session in one millisecond are two events) */
	{ "no duplicate plays across batches", ZERO, "SELECT count(*) FROM (SELECT start_time, "
	  "user_id, COALESCE(session_id, -1) AS session_id, count(*) AS n FROM songplays GROUP BY "
	  "start_time, user_id, COALESCE(session_id, -1)) p LEFT JOIN (SELECT ts, user_id, "
	  "session_id, count(*) AS n FROM dwh_play_keys GROUP BY ts, user_id, session_id) k ON "
	  "p.start_time = " START("k.ts") " AND k.user_id = p.user_id AND k.session_id = "
	  "p.session_id WHERE p.n > 1 AND p.n > COALESCE(k.n, p.n)", NULL, { "songplays" },
	  "dwh_play_keys", NULL },
	{ "every play's user in users", ZERO, ORPHANS("users", "user_id"), NULL,
	  { "songplays", "users" }, NULL, NULL },
	{ "every play's start_time in time", ZERO, ORPHANS("time", "start_time"), NULL,
	  { "songplays", "time" }, NULL, NULL },
	{ "every matched song in songs", ZERO, ORPHANS("songs", "song_id"), NULL,
	  { "songplays", "songs" }, NULL, NULL },
	{ "every matched artist in artists", ZERO, ORPHANS("artists", "artist_id"), NULL,
	  { "songplays", "artists" }, NULL, NULL },
	{ "users' level from their latest event", ZERO, LEVEL_FROM_LATEST, NULL,
	  { "users", "songplays", "staging_events" }, "dwh_user_events", NULL },
	{ "last batch: every NextSong event in songplays", ZERO, "SELECT count(*) FROM "
	  "staging_events e WHERE e.page = 'NextSong' AND e.user_id IS NOT NULL AND NOT EXISTS "
	  "(SELECT 1 FROM songplays p WHERE p.user_id = e.user_id AND p.session_id = e.session_id "
	  "AND p.start_time = " START("e.ts") ")", NULL, { "songplays", "staging_events" }, NULL,
	  "load songplays" },
	{ "last batch: every user in users", ZERO, "SELECT count(DISTINCT e.user_id) FROM "
	  "staging_events e LEFT JOIN users u ON u.user_id = e.user_id WHERE e.user_id <> '' AND "
	  "e.level IS NOT NULL AND u.user_id IS NULL", NULL, { "users", "staging_events" }, NULL,
	  "load users" },
	{ "last batch: every staged song in songs", ZERO, "SELECT count(DISTINCT e.song_id) FROM "
	  "staging_songs e LEFT JOIN songs s ON s.song_id = e.song_id WHERE e.song_id IS NOT NULL "
	  "AND e.title IS NOT NULL AND e.artist_id IS NOT NULL AND s.song_id IS NULL", NULL,
	  { "songs", "staging_songs" }, NULL, "load songs" },
	{ "last batch: every staged artist in artists", ZERO, "SELECT count(DISTINCT e.artist_id) "
	  "FROM staging_songs e LEFT JOIN artists a ON a.artist_id = e.artist_id WHERE "
	  "e.artist_id IS NOT NULL AND e.artist_name IS NOT NULL AND a.artist_id IS NULL", NULL,
	  { "artists", "staging_songs" }, NULL, "load artists" },
	{ "plays matched to a song", SHARE, "SELECT count(song_id) FROM songplays",
	  "SELECT count(*) FROM songplays", { "songplays" }, NULL, NULL },
};

#define NCHECKS (sizeof checks / sizeof checks[0])

static enum dwh_rc scalar(struct dwh *s, const char *sql, long long *v)
{
	PGresult *res = db_query(s, sql);

	if (!res)
		return db_fail_rc(s);
	*v = PQntuples(res) == 1 ? atoll(PQgetvalue(res, 0, 0)) : 0;
	PQclear(res);
	return DWH_OK;
}

/* What the checks need to know of the warehouse before they run. */
struct where {
	bool exists[DWH_NTABLES];
	bool plays_kept, users_kept;    /* the run log's dwh_play_keys, dwh_user_events */
	bool logged;                    /* last[] read from the run log */
	struct run_last last[PIPE_NSTAGES];
};

/* The first table the check needs that is missing, or NULL. */
static const char *missing(const struct check *c, const struct where *w)
{
	for (int i = 0; c->needs[i]; i++)
		for (int t = 0; dwh_tables[t]; t++)
			if (strcmp(dwh_tables[t], c->needs[i]) == 0 && !w->exists[t])
				return c->needs[i];
	return NULL;
}

/* Why the check cannot speak now (figure), or NULL: its run log table is missing, or staging
 * holds a batch its load has not taken (yet, or because the load failed). */
static const char *not_now(const struct check *c, const struct where *w, char *figure, size_t n)
{
	const struct run_last *l;

	if (c->kept && !(strcmp(c->kept, "dwh_play_keys") ? w->users_kept : w->plays_kept))
		return snprintf(figure, n, "no run log (%s)", c->kept), figure;
	if (!c->batch_of || !w->logged || pipe_named(c->batch_of) < 0)
		return NULL;
	l = &w->last[pipe_named(c->batch_of)];
	if (l->have && (strcmp(l->status, "done") || l->stale[0]))
		return snprintf(figure, n, "staging not loaded yet (%s is due)", c->batch_of), figure;
	return NULL;
}

/* Run one check: fill figure and verdict ("pass", "FAIL" or "skip"). */
static enum dwh_rc run_check(struct dwh *s, const struct check *c, const struct where *w,
			     char *figure, size_t n, const char **verdict)
{
	long long a = 0, b = 0;
	const char *gone = missing(c, w);
	enum dwh_rc rc;

	if (gone) {
		snprintf(figure, n, "%s is missing", gone);
		*verdict = "FAIL";
		return DWH_OK;
	}
	if (not_now(c, w, figure, n)) {
		*verdict = "skip";
		return DWH_OK;
	}
	if ((rc = scalar(s, c->sql, &a)) != DWH_OK)
		return rc;
	if (c->sql2 && (rc = scalar(s, c->sql2, &b)) != DWH_OK)
		return rc;
	switch (c->rule) {
	case ZERO:
	case POSITIVE:
		snprintf(figure, n, "%lld", a);
		*verdict = (c->rule == ZERO ? a == 0 : a > 0) ? "pass" : "FAIL";
		break;
	case EQUAL:
		snprintf(figure, n, "%lld %s %lld", a, a == b ? "=" : "!=", b);
		*verdict = b == 0 ? "skip" : a == b ? "pass" : "FAIL";
		break;
	case SHARE:
		snprintf(figure, n, "%lld of %lld (%.3f%%)", a, b, b ? 100.0 * (double)a / (double)b : 0);
		*verdict = a > 0 ? "pass" : "FAIL";
		break;
	}
	return DWH_OK;
}

static enum dwh_rc look(struct dwh *s, struct where *w)
{
	int e;

	for (int t = 0; t < DWH_NTABLES; t++) {
		if ((e = db_table_exists(s, dwh_tables[t])) < 0)
			return db_fail_rc(s);
		w->exists[t] = e;
	}
	if ((e = db_table_exists(s, "dwh_play_keys")) < 0)
		return db_fail_rc(s);
	w->plays_kept = e;
	if ((e = db_table_exists(s, "dwh_user_events")) < 0)
		return db_fail_rc(s);
	w->users_kept = e;
	if (runlog_read(s, w->last) < 0)
		return db_fail_rc(s);
	w->logged = true;
	return DWH_OK;
}

static enum dwh_rc exec_check(struct dwh *s, int argc, char **argv)
{
	static const char *const cols[] = { "check", "figure", "result" };
	struct where w;
	PGresult *res;
	int passed = 0, failed = 0;
	enum dwh_rc rc;

	(void)argc, (void)argv;
	if ((rc = look(s, &w)) != DWH_OK)
		return rc;
	if (!(res = result_new(3, cols, NULL)))
		return dwh_fail(s, "out of memory");
	for (size_t i = 0; i < NCHECKS && rc == DWH_OK; i++) {
		char figure[128];
		const char *verdict = "";

		rc = run_check(s, &checks[i], &w, figure, sizeof figure, &verdict);
		if (rc != DWH_OK)
			break;
		passed += verdict[0] == 'p';
		failed += verdict[0] == 'F';
		result_set(res, (int)i, 0, checks[i].name);
		result_set(res, (int)i, 1, figure);
		result_set(res, (int)i, 2, verdict);
	}
	if (rc == DWH_OK) {
		dwh_result(s, res, "data-quality checks", -1);
		dwh_msg(s, LOG_INFO, "check: %d passed, %d failed", passed, failed);
		if (failed)
			rc = dwh_fail(s, "check: %d of %d checks failed", failed, passed + failed);
	}
	PQclear(res);
	return rc;
}

const struct dwh_cmd cmd_check = {
	.name = "check",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "data-quality checks on the star schema, pass/FAIL with figures",
	.detail = "Checks true of the whole warehouse after any mix of full runs, `run --new`,\n"
		  "--append and failed or cancelled stages: row counts; songplays and users agree\n"
		  "with the plays and users the run log kept of every batch; no NULL or duplicate\n"
		  "keys, no play loaded twice; every play's user, start_time, song and artist in its\n"
		  "dimension; users' level from their latest event; the share of plays matched.\n"
		  "\"last batch:\" checks compare the star with what staging holds now, and are\n"
		  "skipped while staging is not loaded yet. Exits 1 when any check fails.",
	.needs_conn = true,
	.exec = exec_check,
};
