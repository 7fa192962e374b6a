/* cmd_unmatched.c — `unmatched [--near SECONDS]`: why plays miss their song. Every NextSong
 * event of staging sorted by reason (sql/<dialect>/unmatched.sql): no song with that title,
 * the title with another artist, title and artist with another duration, a song without ids;
 * the matched ones for the record (one song, or several: the smallest song_id taken). The
 * reasons add up to the unmatched plays of songplays, and the result says the total and the
 * sum. Then the artist spellings and a histogram of the duration differences; with --near,
 * what the matched count would be with that tolerance (staging read, nothing changed). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"
#include "db/sqlfile.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* songplays' rows without a song_id; -1 (s->err cleared) when songplays cannot be read. */
static long long warehouse_unmatched(struct dwh *s)
{
	PGresult *res = db_query(s, "SELECT COUNT(*) FROM songplays WHERE song_id IS NULL");
	long long n = -1;

	if (res && PQntuples(res) == 1)
		n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	if (n < 0)
		err_clear(&s->err);
	return n;
}

static enum dwh_rc reasons(struct dwh *s)
{
	static const char *const cols[] = { "reason", "plays", "example" };
	static const int numeric[] = { 0, 1, 0 };
	PGresult *res = sqlfile_query(s, "unmatched", 0, NULL), *out;
	long long sum = 0, matched = 0, total;
	char num[32];
	int r = 0;

	if (!res)
		return db_fail_rc(s);
	if (!(out = result_new(3, cols, numeric))) {
		PQclear(res);
		return dwh_fail(s, "out of memory");
	}
	for (int i = 0; i < PQntuples(res); i++) {
		int k = atoi(PQgetvalue(res, i, 0));
		long long n = atoll(PQgetvalue(res, i, 2));

		if (k >= 1 && k <= 4)
			sum += n;
		else
			matched += n;
		result_set(out, r, 0, PQgetvalue(res, i, 1));
		result_set(out, r, 1, PQgetvalue(res, i, 2));
		result_set(out, r++, 2, PQgetvalue(res, i, 3));
	}
	PQclear(res);
	total = warehouse_unmatched(s);
	snprintf(num, sizeof num, "%lld", sum);
	result_set(out, r, 0, "= sum of the unmatched reasons (staged plays with no song)");
	result_set(out, r++, 1, num);
	if (total >= 0) {
		snprintf(num, sizeof num, "%lld", total);
		result_set(out, r, 0, "unmatched total: songplays without a song_id");
		result_set(out, r, 1, num);
	}
	dwh_result(s, out, "unmatched plays by reason (NextSong events of staging_events)", -1);
	PQclear(out);
	if (total < 0)
		dwh_msg(s, LOG_WARN, "unmatched: %lld staged plays match no song; songplays cannot be read "
			"(not loaded yet?), so there is no total to compare", sum);
	else if (total == sum)
		dwh_msg(s, LOG_INFO, "unmatched: %lld plays of songplays have no song; the reasons add up to "
			"%lld (and %lld staged plays matched)", total, sum, matched);
	else
		dwh_msg(s, LOG_WARN, "unmatched: songplays has %lld plays without a song but the reasons "
			"add up to %lld: staging changed since the last `load songplays`", total, sum);
	return DWH_OK;
}

static enum dwh_rc details(struct dwh *s)
{
	PGresult *res = sqlfile_query(s, "unmatched_artists", 0, NULL);

	if (!res)
		return db_fail_rc(s);
	if (PQntuples(res) > 0)
		dwh_result(s, res, "title found, artist differs: the event's spelling and the songs' "
			   "(plays, the most first)", -1);
	PQclear(res);
	if (!(res = sqlfile_query(s, "unmatched_durations", 0, NULL)))
		return db_fail_rc(s);
	if (PQntuples(res) > 0)
		dwh_result(s, res, "title and artist found, duration differs: plays by the difference "
			   "to the nearest song duration", -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc near(struct dwh *s, const char *secs)
{
	const char *p[1] = { secs };
	PGresult *res = sqlfile_query(s, "unmatched_near", 1, p);

	if (!res)
		return db_fail_rc(s);
	char title[160];
	snprintf(title, sizeof title, "plays matched with durations within %s s (staging read, "
		 "the warehouse unchanged)", secs);
	dwh_result(s, res, title, -1);
	if (PQntuples(res) == 1)
		dwh_msg(s, LOG_INFO, "--near %s: %s of %s plays would match a song instead of %s (%s more)",
			secs, PQgetvalue(res, 0, 2), PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
			PQgetvalue(res, 0, 3));
	PQclear(res);
	return DWH_OK;
}

/* --near SECONDS into norm (secs set to it), or none. */
static enum dwh_rc parse(struct dwh *s, int argc, char **argv, const char **secs, char *norm,
			 size_t n)
{
	*secs = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v = cmd_option(argc, argv, &i, "--near");
		char *end;
		double d;

		if (!v)
			return cmd_usage(s, "unmatched");
		d = strtod(v, &end);
		if (!*v || *end || !isfinite(d) || d < 0 || d > 86400)
			return dwh_fail(s, "unmatched: --near takes seconds from 0 to 86400, not '%s'", v);
		snprintf(norm, n, "%.6g", d);
		*secs = norm;
	}
	return DWH_OK;
}

static enum dwh_rc check_unmatched(struct dwh *s, int argc, char **argv)
{
	const char *secs;
	char norm[64];

	return parse(s, argc, argv, &secs, norm, sizeof norm);
}

static enum dwh_rc exec_unmatched(struct dwh *s, int argc, char **argv)
{
	const char *secs;
	char norm[64];
	enum dwh_rc rc = parse(s, argc, argv, &secs, norm, sizeof norm);

	if (rc != DWH_OK)
		return rc;
	if ((rc = reasons(s)) != DWH_OK || (rc = details(s)) != DWH_OK)
		return rc;
	return secs ? near(s, secs) : DWH_OK;
}

static const char *const words[] = { "--near", NULL };

const struct dwh_cmd cmd_unmatched = {
	.name = "unmatched",
	.args = "[--near SECONDS]",
	.min_args = 0,
	.max_args = 2,
	.help = "why plays miss their song: the unmatched plays by reason, with examples",
	.detail = "unmatched              every NextSong event of staging with no song, by reason: no song\n"
		  "                       with that title; the title with another artist (the spellings);\n"
		  "                       title and artist with another duration (a histogram of the\n"
		  "                       differences); a song without ids. The reasons add up to the\n"
		  "                       unmatched plays of songplays (the total and the sum are shown);\n"
		  "                       plays two songs match are a line of their own (smallest song_id).\n"
		  "unmatched --near 0.01  also: the matched plays if durations within 0.01 s counted as\n"
		  "                       equal — staging is read, the warehouse is not changed.\n"
		  "SQL: sql/<dialect>/unmatched*.sql.",
	.words = words,
	.needs_conn = true,
	.check = check_unmatched,
	.exec = exec_unmatched,
};
