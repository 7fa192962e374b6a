/* cmd_why.c — `why TABLE KEY`: where a warehouse row came from.
 *   songplays N  the raw log line as it is on disk (file, line number, the JSON), its
 *                staging_events row, and the song it matched — or why it matched none, in the
 *                words of `unmatched` (its sql/<dialect>/unmatched.sql over the one play
 *                of why_play.sql);
 *   users ID     the event that gave the user's current level and names (load_users.sql's rule:
 *                the latest by ts), with its raw line;
 *   songs ID     the song file(s) that hold it and its staging rows;
 *   artists ID   the song files that name it and every spelling of its name and location seen.
 * On PostgreSQL the raw line is where staging says: the row's src_line and its file (an event's
 * src_file, numbered in staging_files with the size and checksum the file had when staged; a
 * song's src_path, with those in dwh_files); the file is read at that line only when it is
 * unchanged, and the record there is checked to be the staged one — a changed or missing file
 * is said, never shown as a wrong line. On Redshift staging keeps no
 * file or line (COPY from S3 cannot add them): the line is found by searching the local input
 * (the data directory `stage` reads) for the object with the staged event's ts, sessionId,
 * itemInSession and userId, the log of the event's day first, and the files the last COPY
 * loaded are listed from Redshift's load views (why_files.sql). A PostgreSQL staging table made
 * by an earlier dwh, without the columns, is searched the same way, said so. */
#include "cmd/cmd.h"

#include "base/fsutil.h"
#include "db/db.h"
#include "db/sqlfile.h"
#include "etl/loader.h"
#include "load/checksum.h"
#include "load/files.h"
#include "load/json_stream.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WHY_MAX_LINE 2000
#define WHY_MAX_FILES 10
#define WHY_MAX_LINES 40        /* of a pretty-printed record */

/* Why one play (p: song, artist, length) has no song, in unmatched's words: unmatched.sql with
 * its first CTE (e, the plays) replaced by the one play of why_play.sql, so that the reasons
 * have one home. NULL with s->err. */
static PGresult *one_play_reasons(struct dwh *s, const char *const *p)
{
	static const char open_e[] = "WITH e AS (";
	char *all = sqlfile_read(s, "unmatched"), *play = NULL, *sql = NULL;
	const char *body = all ? strstr(all, open_e) : NULL, *rest = body ? strstr(body, "\n),\n") : NULL;
	PGresult *res = NULL;

	if (all && !rest)
		err_set(&s->err, "sql/%s/unmatched.sql: no first CTE `WITH e AS ( … \n),` for `why` to "
			"put its play in", db_dialect(s));
	else if (all && (play = sqlfile_read(s, "why_play")) != NULL &&
		 (sql = malloc(strlen(all) + strlen(play) + 2)) != NULL) {
		int head = (int)(body - all) + (int)sizeof open_e - 1;

		sprintf(sql, "%.*s\n%s%s", head, all, play, rest);
		res = db_queryp(s, sql, 3, p);
	}
	free(all);
	free(play);
	free(sql);
	return res;
}

/* A line of data as a message: control characters as \xNN, cut at WHY_MAX_LINE bytes. */
static void say_line(struct dwh *s, const char *line, size_t len)
{
	char out[WHY_MAX_LINE * 4 + 8];
	size_t o = 0;

	for (size_t i = 0; i < len && i < WHY_MAX_LINE; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	dwh_msg(s, LOG_INFO, "  %s%s", out, len > WHY_MAX_LINE ? " …" : "");
}

/* The value of "key" in the line [p, end) as its raw token (a string without its quotes,
 * escapes kept), into out; false when the line has no such key. */
static bool key_value(const char *p, const char *end, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key);

	for (const char *q = p; q + kl + 2 < end; q++) {
		const char *v;
		size_t len;

		if (*q != '"' || memcmp(q + 1, key, kl) || q[kl + 1] != '"')
			continue;
		for (v = q + kl + 2; v < end && isspace((unsigned char)*v); v++)
			;
		if (v >= end || *v != ':')
			continue;
		for (v++; v < end && isspace((unsigned char)*v); v++)
			;
		if (v < end && *v == '"') {
			const char *e = ++v;
			while (e < end && *e != '"')
				e += *e == '\\' ? 2 : 1;
			len = (size_t)((e < end ? e : end) - v);
		} else {
			len = 0;
			while (v + len < end && !strchr(",} \t\r]", v[len]))
				len++;
		}
		snprintf(out, n, "%.*s", (int)len, v);
		return true;
	}
	return false;
}

/* What a raw search looks for: up to four keys with their values (NULL value: any). */
struct want {
	const char *key[4], *val[4];
	int n;
};

static bool line_is(const char *p, const char *end, const struct want *w)
{
	char got[512];

	for (int i = 0; i < w->n; i++)
		if (!key_value(p, end, w->key[i], got, sizeof got) || (w->val[i] && strcmp(got, w->val[i])))
			return false;
	return true;
}

/* Say every line of file path that is what w wants (at most max - *found more); the count. */
static int scan_file(struct dwh *s, const char *path, const struct want *w, int *found, int max)
{
	size_t len;
	struct dwh_err e = { 0 };
	char *text = fs_read_all(path, &len, &e);
	long lineno = 1;
	int here = 0;

	if (!text)
		return 0;
	for (size_t off = 0; off < len; lineno++) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (text + off)) : len - off;

		if (line_is(text + off, text + off + n, w)) {
			if (*found < max) {
				dwh_msg(s, LOG_INFO, "%s, line %ld:", path, lineno);
				say_line(s, text + off, n);
			}
			(*found)++;
			here++;
		}
		off += n + 1;
	}
	free(text);
	return here;
}

/* Search the input of `which` for what w wants, files whose name holds `first` (may be NULL)
 * first and the others only when those have none. The number of lines found; -1 when the input
 * is not at hand (said). */
static int raw_search(struct dwh *s, const char *which, const struct want *w, const char *first,
		      int max)
{
	struct load_files files = { 0 };
	char path[4096];
	int found = 0;

	if (load_input_path(s, which, NULL, path, sizeof path) < 0 ||
	    load_files_find(&files, path, &s->err) < 0) {
		dwh_msg(s, LOG_WARN, "raw %s: not read — %s (the input in S3 or elsewhere: staging's row "
			"below is what the warehouse knows)", which, s->err.msg[0] ? s->err.msg : "no input");
		err_clear(&s->err);
		load_files_free(&files);
		return -1;
	}
	for (int pass = first ? 0 : 1; pass < 2 && !found; pass++)
		for (size_t i = 0; i < files.n; i++) {
			const char *base = strrchr(files.v[i].path, '/');
			bool named = first && strstr(base ? base : files.v[i].path, first);

			if ((pass == 0) == named)
				scan_file(s, files.v[i].path, w, &found, max);
		}
	if (found > max)
		dwh_msg(s, LOG_INFO, "(%d lines in all, the first %d shown)", found, max);
	if (!found)
		dwh_msg(s, LOG_WARN, "raw %s: no line under %s has it (the input changed since the stage?)",
			which, path);
	load_files_free(&files);
	return found;
}

static const char *val(const PGresult *r, int row, const char *col)
{
	int c = PQfnumber(r, col);

	return c < 0 || PQgetisnull(r, row, c) ? NULL : PQgetvalue(r, row, c);
}

/* The value that starts at line `line` of text[0..len), in *js; false when there is none. */
static bool value_at(const char *text, size_t len, long line, struct jstream **js,
		     struct jvalue *v)
{
	size_t off = 0;

	for (long l = 1; l < line; l++) {
		const char *nl = memchr(text + off, '\n', len - off);

		if (!nl)
			return false;
		off = (size_t)(nl - text) + 1;
	}
	len -= off;
	if (len == 0 || !(*js = js_open_mem(text + off, len < JS_MAXVAL ? len : JS_MAXVAL)))
		return false;
	return js_next(*js, v) == 1;
}

/* A record as it is on disk, line by line (a pretty-printed one has several). */
static void say_value(struct dwh *s, const struct jvalue *v)
{
	const char *p = v->text, *end = v->text + v->len;

	for (int n = 0; p < end; n++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n == WHY_MAX_LINES) {
			dwh_msg(s, LOG_INFO, "  …");
			return;
		}
		say_line(s, p, len);
		p += len + 1;
	}
}

/* Whether text[0..len) is the file as staged: its size, and its checksum as dwh_files writes
 * it ("x" and XXH64's 16 hex digits; an earlier dwh's rows: FNV-1a's). NULL when it is, else
 * how it differs; "" when nothing was recorded (not checked). */
static const char *as_staged(const char *text, size_t len, const char *size, const char *sum,
			     char *why, size_t n)
{
	struct checksum c;
	char now[24];
	bool legacy = sum && strlen(sum) == 16;

	if (!size || !sum)
		return "";
	if ((long long)len != atoll(size)) {
		snprintf(why, n, "%s bytes then, %zu now", size, len);
		return why;
	}
	checksum_init(&c);
	checksum_add(&c, text, len);
	snprintf(now, sizeof now, "%s%016" PRIx64, legacy ? "" : "x",
		 legacy ? checksum_fnv_add(CHECKSUM_FNV_INIT, text, len) : checksum_value(&c));
	if (strcmp(now, sum)) {
		snprintf(why, n, "the same size, other bytes");
		return why;
	}
	return NULL;
}

/* The record at a staged row's file and line (row r of why_source_*.sql), read only when the
 * file's bytes are those it had when staged, and shown only when it is the record w wants. */
static void say_source(struct dwh *s, const PGresult *r, int row, const struct want *w)
{
	const char *path = val(r, row, "path"), *line = val(r, row, "src_line"), *diff;
	struct dwh_err e = { 0 };
	struct jstream *js = NULL;
	struct jvalue v;
	char why[96];
	size_t len;
	char *text;

	if (!path || !line) {
		dwh_msg(s, LOG_WARN, "staging's src_file %s has no staging_files entry: not read",
			val(r, row, "src_file") ? val(r, row, "src_file") : "(null)");
		return;
	}
	dwh_msg(s, LOG_INFO, "%s, line %s:", path, line);
	if (!(text = fs_read_all(path, &len, &e))) {
		dwh_msg(s, LOG_WARN, "  not read: %s (the row was staged from it)", e.msg);
		return;
	}
	diff = as_staged(text, len, val(r, row, "size"), val(r, row, "checksum"), why, sizeof why);
	if (diff && *diff)
		dwh_msg(s, LOG_WARN, "  not shown: the file changed since it was staged (%s), so line "
			"%s may hold another record now — `stage` again to trace the rows to the file "
			"as it is", diff, line);
	else if (!value_at(text, len, atol(line), &js, &v) || !line_is(v.text, v.text + v.len, w))
		dwh_msg(s, LOG_WARN, "  not shown: line %s does not start the staged record%s", line,
			diff ? " (no record of the file as staged to compare)" : ", though the file "
			"is as it was staged");
	else {
		if (diff)
			dwh_msg(s, LOG_INFO, "  (no record of the file's size and checksum as staged: "
				"the record there has the staged row's keys)");
		say_value(s, &v);
	}
	js_free(js);
	free(text);
}

/* Where staging says a row came from (PostgreSQL): the rows of sql/postgres/<file>.sql, each
 * file and line said (at most max). 1 when said, 0 when staging cannot say (Redshift, a table
 * without the columns, a row staged before them): the caller searches. */
static int from_staging(struct dwh *s, const char *file, int np, const char *const *p,
			const struct want *w, int max, const char *what)
{
	PGresult *r;
	int n;

	if (!strcmp(db_dialect(s), "redshift"))
		return 0;
	if (!(r = sqlfile_query(s, file, np, p))) {
		dwh_msg(s, LOG_WARN, "staging keeps no file and line here (%.*s): made by an earlier "
			"dwh? `create staging` adds them, the next stage fills them; searched instead",
			(int)strcspn(s->err.msg, "\n"), s->err.msg);
		err_clear(&s->err);
		return 0;
	}
	if ((n = PQntuples(r)) == 0 || !val(r, 0, "src_file")) {
		if (n)
			dwh_msg(s, LOG_WARN, "staged before staging kept each row's file and line "
				"(`stage` again to keep them); searched instead");
		PQclear(r);
		return 0;
	}
	dwh_msg(s, LOG_INFO, "%s — where staging says (src_file, src_line):", what);
	for (int i = 0; i < n && i < max; i++)
		say_source(s, r, i, w);
	if (n > max)
		dwh_msg(s, LOG_INFO, "(%d rows in all, the first %d shown)", n, max);
	PQclear(r);
	return 1;
}

/* Redshift: staging keeps no file or line, but the files the last COPY loaded are known. */
static void rs_files(struct dwh *s, const char *table)
{
	const char *p[1] = { table };
	PGresult *r;

	if (strcmp(db_dialect(s), "redshift"))
		return;
	dwh_msg(s, LOG_INFO, "Redshift: %s keeps no file or line per row (COPY from S3 cannot add "
		"them); the line is found by search in the local input below", table);
	if ((r = sqlfile_query(s, "why_files", 1, p)) != NULL) {
		dwh_result(s, r, "the files the last COPY into it loaded (SYS_LOAD_DETAIL)", -1);
		PQclear(r);
	} else {
		dwh_msg(s, LOG_WARN, "the files the last COPY loaded: not read (%s)", s->err.msg);
		err_clear(&s->err);
	}
}

/* The raw event line of a staged event: ts, sessionId, itemInSession, userId. */
static void raw_event(struct dwh *s, const char *ts, const char *session, const char *item,
		      const char *user)
{
	struct want w = { { "ts", "sessionId", "itemInSession", "userId" }, { ts, session, item, user }, 4 };
	char day[16] = "";
	long long ms = atoll(ts);
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (from_staging(s, "why_source_event", 4, w.val, &w, 3, "the raw log line") == 1)
		return;
	rs_files(s, "staging_events");
	if (gmtime_r(&t, &tm))
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	dwh_msg(s, LOG_INFO, "the raw log line (found by ts %s, sessionId %s, itemInSession %s, userId %s):",
		ts, session, item, user);
	raw_search(s, "events", &w, day[0] ? day : NULL, 3);
}

static enum dwh_rc why_songplay(struct dwh *s, const char *id)
{
	const char *p[3] = { id };
	PGresult *res = sqlfile_query(s, "why_songplay", 1, p), *m;
	char title[96];

	if (!res)
		return db_fail_rc(s);
	if (PQntuples(res) == 0) {
		PQclear(res);
		return dwh_fail(s, "why songplays %s: no such songplay_id", id);
	}
	snprintf(title, sizeof title, "songplay %s and its staging_events row%s", id,
		 PQntuples(res) > 1 ? "s (the log holds the play more than once)" : "");
	dwh_result(s, res, title, -1);
	if (!val(res, 0, "ts")) {
		dwh_msg(s, LOG_WARN, "songplay %s: no staged event has its time, user and session "
			"(staging reloaded since the load?)", id);
		PQclear(res);
		return DWH_OK;
	}
	raw_event(s, val(res, 0, "ts"), val(res, 0, "session_id"), val(res, 0, "item_in_session"),
		  val(res, 0, "user_id"));
	if (val(res, 0, "song_id")) {
		const char *q[1] = { val(res, 0, "song_id") };
		m = db_queryp(s, "SELECT s.song_id, s.title, a.name AS artist, s.duration, s.artist_id "
			      "FROM songs s LEFT JOIN artists a ON a.artist_id = s.artist_id "
			      "WHERE s.song_id = $1", 1, q);
		if (m)
			dwh_result(s, m, "the song it matched (title, artist name and duration equal)", -1);
	} else {
		p[0] = val(res, 0, "song"), p[1] = val(res, 0, "artist"), p[2] = val(res, 0, "length");
		m = one_play_reasons(s, p);
		if (m && PQntuples(m) == 1)
			dwh_msg(s, LOG_INFO, "no song matched: %s — %s", PQgetvalue(m, 0, 1), PQgetvalue(m, 0, 3));
		if (m && PQntuples(m) == 1 && atoi(PQgetvalue(m, 0, 0)) >= 5)
			dwh_msg(s, LOG_WARN, "(staging has its song now: songs were staged after `load songplays`)");
	}
	PQclear(res);
	if (!m)
		return db_fail_rc(s);
	PQclear(m);
	return DWH_OK;
}

static enum dwh_rc why_user(struct dwh *s, const char *id)
{
	const char *p[1] = { id };
	PGresult *u = db_queryp(s, "SELECT user_id, first_name, last_name, gender, level FROM users "
				"WHERE user_id = $1", 1, p), *e;

	if (!u)
		return db_fail_rc(s);
	if (PQntuples(u) == 0) {
		PQclear(u);
		return dwh_fail(s, "why users %s: no such user_id", id);
	}
	dwh_result(s, u, "the user", -1);
	PQclear(u);
	if (!(e = sqlfile_query(s, "why_user", 1, p)))
		return db_fail_rc(s);
	dwh_result(s, e, "the event that gave the level and names: the user's latest by ts "
		   "(load_users.sql's rule), and how many events the user has", -1);
	if (PQntuples(e) > 0)
		raw_event(s, val(e, 0, "ts"), val(e, 0, "session_id"), val(e, 0, "item_in_session"), id);
	PQclear(e);
	return DWH_OK;
}

static enum dwh_rc why_song(struct dwh *s, const char *table, const char *id)
{
	bool artist = !strcmp(table, "artists");
	const char *p[1] = { id };
	struct want w = { { artist ? "artist_id" : "song_id" }, { id }, 1 };
	PGresult *r = sqlfile_query(s, artist ? "why_artist" : "why_song", 1, p);

	if (!r)
		return db_fail_rc(s);
	if (PQntuples(r) == 0) {
		PQclear(r);
		return dwh_fail(s, "why %s %s: staging_songs has no row with that %s", table, id,
				artist ? "artist_id" : "song_id");
	}
	dwh_result(s, r, artist ? "the artist's spellings in staging_songs (name, location) and how many "
			    "songs give each; the artists table keeps one" :
			 "the song's staging_songs row(s)", -1);
	PQclear(r);
	if (from_staging(s, artist ? "why_source_artist" : "why_source_song", 1, p, &w, WHY_MAX_FILES,
			 artist ? "the song files that name it" : "the song file(s) it came from") == 1)
		return DWH_OK;
	rs_files(s, "staging_songs");
	dwh_msg(s, LOG_INFO, "the song file%s it came from (found by search):", artist ? "s" : "(s)");
	raw_search(s, "songs", &w, NULL, WHY_MAX_FILES);
	return DWH_OK;
}

/* The table and, for songplays, a number: checked before connecting. */
static enum dwh_rc check_why(struct dwh *s, int argc, char **argv)
{
	long long n;

	(void)argc;
	if (!strcmp(argv[1], "songplays"))
		return cmd_number(argv[2], 1, (long long)1 << 62, &n) ? DWH_OK
		       : dwh_fail(s, "why songplays: the key is a songplay_id, a number from 1");
	if (strcmp(argv[1], "users") && strcmp(argv[1], "songs") && strcmp(argv[1], "artists"))
		return cmd_usage(s, "why");
	return DWH_OK;
}

static enum dwh_rc exec_why(struct dwh *s, int argc, char **argv)
{
	enum dwh_rc rc = check_why(s, argc, argv);

	if (rc != DWH_OK)
		return rc;
	if (!strcmp(argv[1], "songplays"))
		return why_songplay(s, argv[2]);
	if (!strcmp(argv[1], "users"))
		return why_user(s, argv[2]);
	if (!strcmp(argv[1], "songs") || !strcmp(argv[1], "artists"))
		return why_song(s, argv[1], argv[2]);
	return cmd_usage(s, "why");
}

static const char *const words[] = { "songplays", "users", "songs", "artists", NULL };

const struct dwh_cmd cmd_why = {
	.name = "why",
	.args = "songplays|users|songs|artists KEY",
	.min_args = 2,
	.max_args = 2,
	.help = "where a row came from: its raw line, staging row and match",
	.detail = "why songplays 42     the play's raw log line (file, line, JSON), its staging_events\n"
		  "                     row, and the song it matched — or why none (as `unmatched`)\n"
		  "why users 15         the event that gave the user's level and names, and its line\n"
		  "why songs SOxxx      the song file(s) it came from and its staging rows\n"
		  "why artists ARxxx    the song files that name it, every spelling of it seen\n"
		  "On PostgreSQL the line is where staging says (src_file, src_line), read from the\n"
		  "file when it is unchanged since the stage; on Redshift it is found by searching the\n"
		  "input `stage` reads (--data DIR, [LOCAL]), beside the files the last COPY loaded.",
	.words = words,
	.needs_conn = true,
	.check = check_why,
	.exec = exec_why,
};
