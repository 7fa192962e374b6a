/* cmd_check.c — `check`: data-quality checks on the star schema, each pass or FAIL with its
 * figure (row counts, NULL and duplicate keys, orphans, agreement with staging, share of plays
 * matched). Exits 1 when any check fails. The SQL is plain enough for both engines. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"
#include "etl/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum rule {
	ZERO,           /* the figure must be 0 */
	POSITIVE,       /* the figure must be > 0 */
	EQUAL,          /* the figure must equal sql2's; skipped when sql2 counts nothing */
	SHARE,          /* sql of sql2 (matched of all), passes when > 0 */
};

struct check {
	const char *name;
	enum rule rule;
	const char *sql, *sql2;
	const char *needs[3];           /* tables the check reads */
};

#define ORPHANS(dim, col) \
	"SELECT count(*) FROM songplays p LEFT JOIN " dim " d ON d." col " = p." col \
	" WHERE p." col " IS NOT NULL AND d." col " IS NULL"

static const struct check checks[] = {
	{ "songplays has rows", POSITIVE, "SELECT count(*) FROM songplays", NULL, { "songplays" } },
	{ "users has rows", POSITIVE, "SELECT count(*) FROM users", NULL, { "users" } },
	{ "songs has rows", POSITIVE, "SELECT count(*) FROM songs", NULL, { "songs" } },
	{ "artists has rows", POSITIVE, "SELECT count(*) FROM artists", NULL, { "artists" } },
	{ "time has rows", POSITIVE, "SELECT count(*) FROM time", NULL, { "time" } },
	{ "songplays = NextSong events", EQUAL, "SELECT count(*) FROM songplays",
	  "SELECT count(*) FROM staging_events WHERE page = 'NextSong'",
	  { "songplays", "staging_events" } },
	{ "users = distinct userIds", EQUAL, "SELECT count(*) FROM users",
	  "SELECT count(DISTINCT user_id) FROM staging_events WHERE user_id <> '' "
	  "AND level IS NOT NULL", { "users", "staging_events" } },
	{ "songs = distinct song_ids", EQUAL, "SELECT count(*) FROM songs",
	  "SELECT count(DISTINCT song_id) FROM staging_songs WHERE title IS NOT NULL "
	  "AND artist_id IS NOT NULL", { "songs", "staging_songs" } },
	{ "artists = distinct artist_ids", EQUAL, "SELECT count(*) FROM artists",
	  "SELECT count(DISTINCT artist_id) FROM staging_songs WHERE artist_name IS NOT NULL",
	  { "artists", "staging_songs" } },
	{ "time = distinct start_times", EQUAL, "SELECT count(*) FROM time",
	  "SELECT count(DISTINCT start_time) FROM songplays", { "time", "songplays" } },
	{ "no NULL keys in songplays", ZERO, "SELECT count(*) FROM songplays WHERE songplay_id "
	  "IS NULL OR start_time IS NULL OR user_id IS NULL", NULL, { "songplays" } },
	{ "no NULL keys in users", ZERO, "SELECT count(*) FROM users WHERE user_id IS NULL",
	  NULL, { "users" } },
	{ "no NULL keys in songs", ZERO, "SELECT count(*) FROM songs WHERE song_id IS NULL",
	  NULL, { "songs" } },
	{ "no NULL keys in artists", ZERO, "SELECT count(*) FROM artists WHERE artist_id IS NULL",
	  NULL, { "artists" } },
	{ "no NULL keys in time", ZERO, "SELECT count(*) FROM time WHERE start_time IS NULL",
	  NULL, { "time" } },
	{ "no duplicate songplay_id", ZERO,
	  "SELECT count(*) - count(DISTINCT songplay_id) FROM songplays", NULL, { "songplays" } },
	{ "no duplicate user_id", ZERO, "SELECT count(*) - count(DISTINCT user_id) FROM users",
	  NULL, { "users" } },
	{ "no duplicate song_id", ZERO, "SELECT count(*) - count(DISTINCT song_id) FROM songs",
	  NULL, { "songs" } },
	{ "no duplicate artist_id", ZERO,
	  "SELECT count(*) - count(DISTINCT artist_id) FROM artists", NULL, { "artists" } },
	{ "no duplicate start_time", ZERO,
	  "SELECT count(*) - count(DISTINCT start_time) FROM time", NULL, { "time" } },
	{ "every play's user in users", ZERO, ORPHANS("users", "user_id"), NULL,
	  { "songplays", "users" } },
	{ "every play's start_time in time", ZERO, ORPHANS("time", "start_time"), NULL,
	  { "songplays", "time" } },
	{ "every matched song in songs", ZERO, ORPHANS("songs", "song_id"), NULL,
	  { "songplays", "songs" } },
	{ "every matched artist in artists", ZERO, ORPHANS("artists", "artist_id"), NULL,
	  { "songplays", "artists" } },
	{ "plays matched to a song", SHARE, "SELECT count(song_id) FROM songplays",
	  "SELECT count(*) FROM songplays", { "songplays" } },
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

/* The first table the check needs that is missing, or NULL. */
static const char *missing(const struct check *c, const bool *exists)
{
	for (int i = 0; c->needs[i]; i++)
		for (int t = 0; dwh_tables[t]; t++)
			if (strcmp(dwh_tables[t], c->needs[i]) == 0 && !exists[t])
				return c->needs[i];
	return NULL;
}

/* Run one check: fill figure and verdict ("pass", "FAIL" or "skip"). */
static enum dwh_rc run_check(struct dwh *s, const struct check *c, const bool *exists, char *figure,
		     size_t n, const char **verdict)
{
	long long a = 0, b = 0;
	const char *gone = missing(c, exists);
	enum dwh_rc rc;

	if (gone) {
		snprintf(figure, n, "%s is missing", gone);
		*verdict = "FAIL";
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

static enum dwh_rc exec_check(struct dwh *s, int argc, char **argv)
{
	static const char *const cols[] = { "check", "figure", "result" };
	bool exists[DWH_NTABLES];
	PGresult *res;
	int passed = 0, failed = 0;
	enum dwh_rc rc = DWH_OK;

	(void)argc, (void)argv;
	for (int t = 0; t < DWH_NTABLES; t++) {
		int e = db_table_exists(s, dwh_tables[t]);

		if (e < 0)
			return db_fail_rc(s);
		exists[t] = e;
	}
	if (!(res = result_new(3, cols, NULL)))
		return dwh_fail(s, "out of memory");
	for (size_t i = 0; i < NCHECKS && rc == DWH_OK; i++) {
		char figure[128];
		const char *verdict = "";

		rc = run_check(s, &checks[i], exists, figure, sizeof figure, &verdict);
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
		if (failed) {
			err_set(&s->err, "check: %d of %d checks failed", failed, passed + failed);
			rc = DWH_FAIL;
		}
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
	.detail = "Row counts; tables agree with staging (songplays = NextSong events, users =\n"
		  "distinct userIds, ...); no NULL or duplicate keys; every play's user, start_time,\n"
		  "song and artist found in its dimension; the share of plays matched to a song.\n"
		  "Exits 1 when any check fails; a check against empty staging is skipped.",
	.needs_conn = true,
	.exec = exec_check,
};
