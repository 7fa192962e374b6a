/* cmd_exercise.c — `exercise [N|next|hint|off]`: a teacher's questions that check themselves.
 * Each file of sql/exercises/ is one exercise: header lines `-- title:`, `-- order: any|matters`,
 * `-- hint:` and `-- question:` (a key may repeat: its lines join), then the expected query.
 * `exercise N` shows a question and makes it the one being worked: each query typed at the
 * prompt then runs, shows its rows and is compared with the expected query's (cmd.c hands it
 * over through exercise.h) — order-insensitive unless the exercise says `order: matters`, NULLs
 * equal only to NULLs, numbers compared by value (8.790 = 8.79, 22.0 = 22). A wrong answer
 * shows the first differing row and offers the hint; a right one is kept in the progress file
 * ($XDG_STATE_HOME/dwh/exercises, else ~/.local/state/dwh/exercises), one name a line. */
#include "cmd/cmd.h"
#include "cmd/exercise.h"

#include "base/fsutil.h"
#include "db/db.h"
#include "db/result.h"
#include "db/sqlfile.h"

#include <ctype.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define EX_MAX 100
#define EX_TEXT 2048

struct exercise {
	char name[256];         /* the file name without .sql: the key of the progress file */
	char title[256];
	char question[EX_TEXT];
	char hint[EX_TEXT];
	bool ordered;
	char *sql;              /* the expected query (malloc'd) */
};

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The exercise names (file names without .sql), sorted; malloc'd strings. -1 with s->err. */
static int ex_list(struct dwh *s, char **names, int max)
{
	char dir[sizeof s->sqldir + 16];
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (!s->sqldir[0] && fs_datadir("sql", s->sqldir, sizeof s->sqldir) < 0) {
		s->sqldir[0] = '\0';
		return err_set(&s->err, "cannot find dwh's sql/ directory (set DWH_SQLDIR)");
	}
	snprintf(dir, sizeof dir, "%s/exercises", s->sqldir);
	if (!(d = opendir(dir)))
		return err_set(&s->err, "%s: cannot open", dir);
	while ((e = readdir(d)) != NULL && n < max) {
		size_t len = strlen(e->d_name);

		if (len > 4 && len < 250 && !strcmp(e->d_name + len - 4, ".sql") && e->d_name[0] != '.')
			names[n++] = strndup(e->d_name, len - 4);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, name_cmp);
	return n;
}

static void ex_names_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
}

static void append(char *buf, size_t n, const char *text, size_t len)
{
	size_t have = strlen(buf);

	if (have && have + 1 < n)
		buf[have++] = ' ', buf[have] = '\0';
	snprintf(buf + have, n - have, "%.*s", (int)len, text);
}

/* Read exercise `name` into ex; -1 with s->err. */
static int ex_read(struct dwh *s, const char *name, struct exercise *ex)
{
	char rel[300];
	char *text;
	const char *p;

	memset(ex, 0, sizeof *ex);
	snprintf(ex->name, sizeof ex->name, "%s", name);
	snprintf(rel, sizeof rel, "exercises/%s.sql", name);
	if (!(text = sqlfile_read_rel(s, rel)))
		return -1;
	for (p = text; !strncmp(p, "--", 2);) {
		size_t len = strcspn(p, "\n");
		const char *v = p + 2 + strspn(p + 2, " ");
		const char *colon = memchr(v, ':', len - (size_t)(v - p));

		if (colon) {
			size_t klen = (size_t)(colon - v);
			const char *val = colon + 1 + strspn(colon + 1, " ");
			size_t vlen = len - (size_t)(val - p);

			if (klen == 5 && !strncmp(v, "title", 5))
				append(ex->title, sizeof ex->title, val, vlen);
			else if (klen == 8 && !strncmp(v, "question", 8))
				append(ex->question, sizeof ex->question, val, vlen);
			else if (klen == 4 && !strncmp(v, "hint", 4))
				append(ex->hint, sizeof ex->hint, val, vlen);
			else if (klen == 5 && !strncmp(v, "order", 5))
				ex->ordered = vlen >= 7 && !strncmp(val, "matters", 7);
		}
		p += len + (p[len] == '\n');
	}
	ex->sql = strdup(p);
	free(text);     /* p pointed into it: from here on only ex->sql */
	if (!ex->sql)
		return err_set(&s->err, "out of memory");
	if (!ex->title[0] || !ex->question[0] || !ex->sql[strspn(ex->sql, " \t\n")]) {
		free(ex->sql);
		ex->sql = NULL;
		return err_set(&s->err, "sql/%s: an exercise needs `-- title:`, `-- question:` and its query", rel);
	}
	return 0;
}

/* Exercise number n (1-based) of the sorted list. */
static int ex_load(struct dwh *s, int n, struct exercise *ex)
{
	char *names[EX_MAX];
	int count = ex_list(s, names, EX_MAX), rc;

	if (count < 0)
		return -1;
	if (n < 1 || n > count) {
		ex_names_free(names, count);
		return err_set(&s->err, "exercise %d: there are %d exercises (1 to %d)", n, count, count);
	}
	rc = ex_read(s, names[n - 1], ex);
	ex_names_free(names, count);
	return rc;
}

/* --- progress ------------------------------------------------------------------------------ */

static int progress_path(char *buf, size_t n, bool make)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[3800];
	struct dwh_err e;

	if (x && *x)
		snprintf(dir, sizeof dir, "%s/dwh", x);
	else if (home && *home)
		snprintf(dir, sizeof dir, "%s/.local/state/dwh", home);
	else
		return -1;
	if (make && fs_mkdir_p(dir, 0700, 0700, &e) < 0)
		return -1;
	snprintf(buf, n, "%s/exercises", dir);
	return 0;
}

static bool progress_done(const char *name)
{
	char path[4096], line[300];
	bool done = false;
	FILE *f;

	if (progress_path(path, sizeof path, false) < 0 || !(f = fopen(path, "r")))
		return false;
	while (!done && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = '\0';
		done = !strcmp(line, name);
	}
	fclose(f);
	return done;
}

static bool progress_mark(const char *name)
{
	char path[4096];
	FILE *f;

	if (progress_done(name))
		return true;
	if (progress_path(path, sizeof path, true) < 0 || !(f = fopen(path, "a")))
		return false;
	fprintf(f, "%s\n", name);
	return fclose(f) == 0;
}

/* --- comparing results ----------------------------------------------------------------------- */

#define SEP '\x1f'
#define NULL_MARK "\x01"

/* A value as compared: NULL as a mark no text has, a number by its value (%.10g: 8.790 and
 * 8.79, 22.0 and 22 are one), anything else as it is. */
static void norm_value(const PGresult *r, int row, int col, char *out, size_t n)
{
	const char *v;
	char *end;
	double d;

	if (PQgetisnull(r, row, col)) {
		snprintf(out, n, "%s", NULL_MARK);
		return;
	}
	v = PQgetvalue(r, row, col);
	d = strtod(v, &end);
	if (*v && !isspace((unsigned char)*v) && end != v && !*end && isfinite(d)) {
		if (d == 0)
			d = 0;  /* -0 */
		snprintf(out, n, "%.10g", d);
	} else {
		snprintf(out, n, "%s", v);
	}
}

/* Every row as one string of normalized values; malloc'd array of malloc'd strings. */
static char **norm_rows(const PGresult *r)
{
	int rows = PQntuples(r), cols = PQnfields(r);
	char **v = calloc((size_t)rows + 1, sizeof *v);

	for (int i = 0; v && i < rows; i++) {
		size_t cap = 64, len = 0;
		char *row = malloc(cap);

		for (int c = 0; row && c < cols; c++) {
			char val[8192];
			size_t vl;

			norm_value(r, i, c, val, sizeof val);
			vl = strlen(val);
			if (len + vl + 2 > cap) {
				char *bigger = realloc(row, cap = (len + vl + 2) * 2);
				if (!bigger) {
					free(row);
					row = NULL;
					break;
				}
				row = bigger;
			}
			memcpy(row + len, val, vl);
			len += vl;
			if (c + 1 < cols)
				row[len++] = SEP;
		}
		if (row)
			row[len] = '\0';
		else
			row = strdup("");
		v[i] = row;
	}
	return v;
}

static void rows_free(char **v, int n)
{
	for (int i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

/* A normalized row for people: values between " | ", NULL as NULL. */
static void show_row(const char *row, char *out, size_t n)
{
	size_t o = 0;

	for (const char *p = row; *p && o + 8 < n; p++) {
		if (*p == SEP)
			o += (size_t)snprintf(out + o, n - o, " | ");
		else if (*p == NULL_MARK[0])
			o += (size_t)snprintf(out + o, n - o, "NULL");
		else
			out[o++] = *p;
	}
	out[o < n ? o : n - 1] = '\0';
}

/* Compare the answer with the expected rows; true when equal. Otherwise why, into msg. */
static bool same(const struct exercise *ex, const PGresult *got, const PGresult *want, char *msg, size_t n)
{
	int gn = PQntuples(got), wn = PQntuples(want);
	char **g, **w, a[1024], b[1024];
	bool ok = true;

	if (PQnfields(got) != PQnfields(want)) {
		snprintf(msg, n, "your answer has %d column%s, the expected one %d", PQnfields(got),
			 dwh_plural(PQnfields(got)), PQnfields(want));
		return false;
	}
	g = norm_rows(got);
	w = norm_rows(want);
	if (!g || !w) {
		rows_free(g, gn), rows_free(w, wn);
		snprintf(msg, n, "out of memory");
		return false;
	}
	if (ex->ordered) {
		for (int i = 0; ok && i < (gn > wn ? gn : wn); i++) {
			if (i < gn && i < wn && !strcmp(g[i], w[i]))
				continue;
			ok = false;
			show_row(i < gn ? g[i] : "", a, sizeof a);
			show_row(i < wn ? w[i] : "", b, sizeof b);
			snprintf(msg, n, "row %d (the order matters here): yours %s%s%s, expected %s%s%s", i + 1,
				 i < gn ? "(" : "", i < gn ? a : "none", i < gn ? ")" : "",
				 i < wn ? "(" : "", i < wn ? b : "none", i < wn ? ")" : "");
		}
	} else {
		int i = 0, j = 0;
		const char *extra = NULL, *missing = NULL;

		qsort(g, (size_t)gn, sizeof *g, name_cmp);
		qsort(w, (size_t)wn, sizeof *w, name_cmp);
		while ((i < gn || j < wn) && (!extra || !missing)) {
			int c = i >= gn ? 1 : j >= wn ? -1 : strcmp(g[i], w[j]);

			if (c == 0)
				i++, j++;
			else if (c < 0)
				extra = extra ? extra : g[i], i++;
			else
				missing = missing ? missing : w[j], j++;
		}
		ok = !extra && !missing;
		show_row(missing ? missing : "", b, sizeof b);
		show_row(extra ? extra : "", a, sizeof a);
		if (missing && extra)
			snprintf(msg, n, "the expected answer has the row (%s), yours not; yours has (%s), "
				 "the expected one not", b, a);
		else if (missing)
			snprintf(msg, n, "your answer lacks the row (%s)", b);
		else if (extra)
			snprintf(msg, n, "your answer has the row (%s), which the expected one has not "
				 "(or not as often)", a);
	}
	if (!ok && gn != wn) {
		size_t l = strlen(msg);
		snprintf(msg + l, n - l, "; %d row%s, expected %d", gn, dwh_plural(gn), wn);
	}
	rows_free(g, gn);
	rows_free(w, wn);
	return ok;
}

bool exercise_takes(const struct dwh *s, const char *sql)
{
	static const char *const words[] = { "select", "with", "values", "table" };
	const char *p = sql;

	if (s->exercise <= 0)
		return false;
	while (isspace((unsigned char)*p) || !strncmp(p, "--", 2)) {
		if (!strncmp(p, "--", 2))
			p += strcspn(p, "\n");
		else
			p++;
	}
	if (*p == '(')
		return true;
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t l = strlen(words[i]);
		if (!strncasecmp(p, words[i], l) && !isalnum((unsigned char)p[l]) && p[l] != '_')
			return true;
	}
	return false;
}

enum dwh_rc exercise_check(struct dwh *s, const char *sql)
{
	struct exercise ex;
	PGresult *got, *want;
	char title[300], msg[2400];
	bool right;
	int n = s->exercise;

	if (ex_load(s, n, &ex) < 0)
		return DWH_FAIL;
	if (!(got = db_query(s, sql))) {
		free(ex.sql);
		return db_fail_rc(s);
	}
	snprintf(title, sizeof title, "your answer to exercise %d", n);
	dwh_result(s, got, title, -1);
	if (PQresultStatus(got) != PGRES_TUPLES_OK) {
		PQclear(got);
		free(ex.sql);
		return dwh_fail(s, "exercise %d: that statement returns no rows to check", n);
	}
	if (!(want = db_query(s, ex.sql))) {
		PQclear(got);
		free(ex.sql);
		return dwh_fail(s, "exercise %d: its expected query failed (is the warehouse loaded?): %s",
				n, s->err.msg);
	}
	right = same(&ex, got, want, msg, sizeof msg);
	PQclear(got);
	PQclear(want);
	if (right) {
		bool kept = progress_mark(ex.name);
		s->exercise = 0;
		dwh_msg(s, LOG_INFO, "exercise %d (%s): right!%s Next: `exercise next`.", n, ex.title,
			kept ? "" : " (the progress file could not be written)");
		free(ex.sql);
		return DWH_OK;
	}
	dwh_msg(s, LOG_WARN, "exercise %d: wrong — %s", n, msg);
	if (ex.hint[0])
		dwh_msg(s, LOG_INFO, "stuck? `exercise hint` gives a hint; `exercise off` stops checking");
	free(ex.sql);
	return dwh_fail(s, "exercise %d: not right yet", n);
}

/* --- the command ------------------------------------------------------------------------------ */

static enum dwh_rc ex_table(struct dwh *s)
{
	static const char *const cols[] = { "n", "exercise", "order", "solved" };
	static const int numeric[] = { 1, 0, 0, 0 };
	char *names[EX_MAX], num[16];
	int count = ex_list(s, names, EX_MAX), solved = 0;
	PGresult *res;

	if (count < 0)
		return DWH_FAIL;
	if (!(res = result_new(4, cols, numeric))) {
		ex_names_free(names, count);
		return dwh_fail(s, "out of memory");
	}
	for (int i = 0; i < count; i++) {
		struct exercise ex;
		bool done = progress_done(names[i]);

		snprintf(num, sizeof num, "%d", i + 1);
		solved += done;
		result_set(res, i, 0, num);
		if (ex_read(s, names[i], &ex) == 0) {
			result_set(res, i, 1, ex.title);
			result_set(res, i, 2, ex.ordered ? "matters" : "any");
			free(ex.sql);
		} else {
			result_set(res, i, 1, s->err.msg);
			err_clear(&s->err);
		}
		result_set(res, i, 3, done ? "yes" : "");
	}
	ex_names_free(names, count);
	dwh_result(s, res, "exercises (sql/exercises/)", -1);
	PQclear(res);
	dwh_msg(s, LOG_INFO, "%d of %d exercises solved; `exercise N` shows one, then type your query", solved, count);
	return DWH_OK;
}

/* The first exercise not solved yet, 0 when all are. */
static int ex_next(struct dwh *s)
{
	char *names[EX_MAX];
	int count = ex_list(s, names, EX_MAX), next = 0;

	for (int i = 0; i < count && !next; i++)
		if (!progress_done(names[i]))
			next = i + 1;
	ex_names_free(names, count < 0 ? 0 : count);
	return count < 0 ? -1 : next;
}

static enum dwh_rc exec_exercise(struct dwh *s, int argc, char **argv)
{
	struct exercise ex;
	long long n;

	if (argc < 2)
		return ex_table(s);
	if (!strcmp(argv[1], "off")) {
		s->exercise = 0;
		dwh_msg(s, LOG_INFO, "exercise: off — queries are no longer checked");
		return DWH_OK;
	}
	if (!strcmp(argv[1], "hint")) {
		if (s->exercise <= 0)
			return dwh_fail(s, "exercise hint: no exercise is being worked (`exercise N` first)");
		if (ex_load(s, s->exercise, &ex) < 0)
			return DWH_FAIL;
		dwh_msg(s, LOG_INFO, "exercise %d, hint: %s", s->exercise, ex.hint[0] ? ex.hint : "(this one has none)");
		free(ex.sql);
		return DWH_OK;
	}
	if (!strcmp(argv[1], "next")) {
		int next = ex_next(s);
		if (next < 0)
			return DWH_FAIL;
		if (next == 0) {
			dwh_msg(s, LOG_INFO, "exercise: every exercise is solved");
			return DWH_OK;
		}
		n = next;
	} else if (!cmd_number(argv[1], 1, EX_MAX, &n)) {
		return cmd_usage(s, "exercise");
	}
	if (ex_load(s, (int)n, &ex) < 0)
		return DWH_FAIL;
	s->exercise = (int)n;
	dwh_msg(s, LOG_INFO, "Exercise %lld: %s%s", n, ex.title, progress_done(ex.name) ? " (solved before)" : "");
	dwh_msg(s, LOG_INFO, "  %s", ex.question);
	dwh_msg(s, LOG_INFO, "  (%s) Type your query: each SELECT is checked until it is right%s; "
		"`exercise off` stops.", ex.ordered ? "the order of the rows matters"
						   : "any order of the rows is right",
		ex.hint[0] ? "; `exercise hint` for a hint" : "");
	free(ex.sql);
	return DWH_OK;
}

static const char *const words[] = { "next", "hint", "off", NULL };

const struct dwh_cmd cmd_exercise = {
	.name = "exercise",
	.args = "[N|next|hint|off]",
	.min_args = 0,
	.max_args = 1,
	.help = "questions that check themselves: type SQL, dwh says right or wrong",
	.detail = "exercise        the exercises of sql/exercises/ and which are solved\n"
		  "exercise N      show exercise N; each query typed next is run and compared with the\n"
		  "                expected answer (order-insensitive unless the exercise says the order\n"
		  "                matters; NULLs and number formatting handled): right, or wrong with\n"
		  "                the first differing row\n"
		  "exercise next   the first one not solved yet\n"
		  "exercise hint   the hint of the one being worked;  exercise off: stop checking\n"
		  "Progress is kept in $XDG_STATE_HOME/dwh/exercises (else ~/.local/state/dwh/).\n"
		  "A teacher adds a file: `-- title:`, `-- order: any|matters`, `-- hint:`,\n"
		  "`-- question:` lines, then the expected query.",
	.words = words,
	.exec = exec_exercise,
};
