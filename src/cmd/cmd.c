/* cmd.c — dispatch: decide whether a unit of input is a dwh command or SQL, run it, and report
 * its error through the front end. Shared by the console, the plain prompt, -c and -f. */
#include "cmd/cmd.h"
#include "cmd/exercise.h"

#include "db/db.h"
#include "db/stream.h"
#include "psql/qbuf.h"
#include "psql/vars.h"
#include "base/sqlscan.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct dwh_cmd *cmd_find(const char *name)
{
	for (const struct dwh_cmd *const *c = cmd_table; *c; c++)
		if (!strcmp((*c)->name, name))
			return *c;
	return NULL;
}

bool cmd_is_quit(const char *l)
{
	size_t n;

	while (*l == ' ' || *l == '\t')
		l++;
	n = strcspn(l, " \t\n");
	if (l[n + strspn(l + n, " \t\n")])
		return false;
	return (n == 1 && *l == 'q') || (n == 4 && !strncmp(l, "quit", 4)) ||
	       (n == 4 && !strncmp(l, "exit", 4)) || (n == 2 && !strncmp(l, "\\q", 2));
}

int cmd_split(const char *line, char ***argvp)
{
	size_t len = strlen(line);
	char *buf = malloc(len + 1), *o = buf;
	char **argv = calloc(len / 2 + 2, sizeof *argv);
	int argc = 0;
	const char *p = line;

	if (!buf || !argv) {
		free(buf);
		free(argv);
		return -2;
	}
	for (;;) {
		char q = 0;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		argv[argc++] = o;
		for (; *p && (q || !isspace((unsigned char)*p)); p++) {
			if (q && *p == q && p[1] == q)
				*o++ = *p++;    /* a doubled quote inside quotes is one, as in SQL and psql */
			else if (q && *p == q)
				q = 0;
			else if (!q && (*p == '\'' || *p == '"'))
				q = *p;
			else
				*o++ = *p;
		}
		*o++ = '\0';
		if (q) {
			free(buf);
			free(argv);
			return -1;
		}
	}
	if (argc == 0)
		free(buf);
	argv[argc] = NULL;
	*argvp = argv;
	return argc;
}

bool cmd_quote_word(const char *word, char *buf, size_t n)
{
	size_t o = strlen(buf);

	if (strchr(word, '\n') || o + 3 > n)
		return false;
	buf[o++] = '\'';
	for (; *word && o + 3 < n; word++) {
		if (*word == '\'')
			buf[o++] = '\'';
		buf[o++] = *word;
	}
	if (*word)
		return false;
	buf[o++] = '\'';
	buf[o] = '\0';
	return true;
}

void cmd_free_argv(char **argv)
{
	if (argv) {
		free(argv[0]);
		free(argv);
	}
}

/* Report the session's error once, with SQLSTATE when the server gave one. */
static enum dwh_rc report(struct dwh *s, enum dwh_rc rc)
{
	if (rc == DWH_OK || s->err.reported)
		return rc;
	s->err.reported = true;
	if (!s->err.msg[0])
		snprintf(s->err.msg, sizeof s->err.msg, "command failed");
	if (s->err.sqlstate[0]) {
		/* the server's first line, the SQLSTATE, then its LINE/DETAIL/HINT lines */
		char *nl = strchr(s->err.msg, '\n');

		dwh_msg(s, LOG_ERROR, "%.*s (SQLSTATE %s)%s", nl ? (int)(nl - s->err.msg) : (int)strlen(s->err.msg),
			s->err.msg, s->err.sqlstate, nl ? nl : "");
	} else {
		dwh_msg(s, LOG_ERROR, "%s", s->err.msg);
	}
	return rc;
}

enum dwh_rc cmd_usage(struct dwh *s, const char *name)
{
	const struct dwh_cmd *c = cmd_find(name);

	if (!c)
		return dwh_fail(s, "usage: %s", name);
	if (c->args[0])
		return dwh_fail(s, "usage: %s %s", c->name, c->args);
	return dwh_fail(s, "usage: %s (takes no arguments)", c->name);
}

bool cmd_number(const char *text, long long min, long long max, long long *out)
{
	char *end;
	long long v;

	/* strtoll alone would take blanks, a '+' and an empty string */
	if (!text || !(isdigit((unsigned char)text[0]) || (text[0] == '-' && min < 0)))
		return false;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (*end || errno || v < min || v > max)
		return false;
	*out = v;
	return true;
}

const char *cmd_option(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc)
		return "";
	return argv[++*i];
}

enum dwh_rc cmd_dispatch_argv(struct dwh *s, int argc, char **argv)
{
	const struct dwh_cmd *c = argc > 0 ? cmd_find(argv[0]) : NULL;
	enum dwh_rc rc;

	err_clear(&s->err);
	s->interrupted = 0;
	if (!c)
		return report(s, dwh_fail(s, "unknown command: %s (try help)", argc > 0 ? argv[0] : ""));
	if (argc - 1 < c->min_args || (c->max_args != CMD_ANY && argc - 1 > c->max_args))
		return report(s, cmd_usage(s, c->name));
	if (c->check && (rc = c->check(s, argc, argv)) != DWH_OK)
		return report(s, rc);
	if ((rc = guard_command(s, argc, argv)) != DWH_OK)
		return report(s, rc);
	if (c->needs_conn && (rc = db_ensure(s)) != DWH_OK)
		return report(s, rc);
	return report(s, c->exec(s, argc, argv));
}

/* A raw command (`copy`, `\copy`) takes the rest of its line as typed: it holds SQL, whose
 * quotes the word splitting would eat. */
static enum dwh_rc run_raw(struct dwh *s, const char *line)
{
	char name[64];
	size_t n = strcspn(line, " \t\n");
	char *rest = strdup(line + n + strspn(line + n, " \t\n"));
	char *argv[3] = { name, rest, NULL };
	enum dwh_rc rc;

	snprintf(name, sizeof name, "%.*s", (int)(n < sizeof name ? n : sizeof name - 1), line);
	if (!rest)
		return DWH_FAIL;
	rest[strcspn(rest, "\0")] = '\0';
	rc = cmd_dispatch_argv(s, *rest ? 2 : 1, argv);
	free(rest);
	return rc;
}

static enum dwh_rc run_command(struct dwh *s, const char *line)
{
	char **argv;
	int argc;
	enum dwh_rc rc;
	const char *p = line + strspn(line, " \t\n");
	char word[64];

	snprintf(word, sizeof word, "%.*s", (int)strcspn(p, " \t\n"), p);
	if (cmd_find(word) && cmd_find(word)->raw)
		return run_raw(s, p);
	argc = cmd_split(line, &argv);

	if (argc < 0) {
		err_clear(&s->err);
		if (argc == -2)
			return report(s, dwh_fail(s, "out of memory"));
		return report(s, dwh_fail(s, "unterminated quote in: %s", line));
	}
	rc = cmd_dispatch_argv(s, argc, argv);
	cmd_free_argv(argv);
	return rc;
}

/* A statement's answer without rows (its tag or its error) for the front end, and the error
 * (message with its LINE/caret, SQLSTATE) into s->err for report(). */
static enum dwh_rc answer(struct dwh *s, const PGresult *res, const char *sql, double t0)
{
	double ms = s->timing ? (dwh_now() - t0) * 1000.0 : -1;
	ExecStatusType st = PQresultStatus(res);

	if (st == PGRES_COMMAND_OK || st == PGRES_EMPTY_QUERY) {
		dwh_answer(s, res, sql, ms);
		if (!s->out.answer)     /* a front end without answers prints the tag as a result */
			dwh_result(s, res, NULL, ms);
		return DWH_OK;
	}
	err_pg(&s->err, res, NULL);
	dwh_answer(s, res, sql, ms);
	return DWH_FAIL;
}

static void remember_sql(struct dwh *s, const char *sql)
{
	char *copy = strdup(sql);

	if (copy) {
		free(s->last_sql);
		s->last_sql = copy;
	}
}

/* Typed SQL on its way to the front end (db_stream's sink). */
struct typed {
	struct dwh *s;
	const char *sql;
	double t0;
	struct dwh_rows r;
	bool begun;             /* ROWS_BEGIN went out */
	bool bad;               /* an error stopped the rows */
};

static enum dwh_rc typed_columns(void *ctx, const PGresult *cols)
{
	struct typed *t = ctx;

	if (t->begun)
		return DWH_OK;
	t->r.res = cols;
	dwh_rows(t->s, ROWS_BEGIN, &t->r);
	remember_sql(t->s, t->sql);
	t->begun = true;
	return DWH_OK;
}

static enum dwh_rc typed_rows(void *ctx, const PGresult *rows)
{
	struct typed *t = ctx;

	t->r.total += PQntuples(rows);
	t->r.res = rows;
	dwh_rows(t->s, ROWS_MORE, &t->r);
	return DWH_OK;
}

/* After the rows, an error (Ctrl-C's "canceling statement") keeps what arrived and says why
 * it stopped; Ctrl-C's own needs no answer. */
static void typed_answer(void *ctx, const PGresult *res)
{
	struct typed *t = ctx;

	if (!t->begun || PQresultStatus(res) == PGRES_COMMAND_OK) {
		answer(t->s, res, t->sql, t->t0);
	} else if (!t->bad) {
		t->bad = true;
		t->r.stopped = t->s->interrupted ? "cancelled" : "error";
		if (!t->s->interrupted)
			answer(t->s, res, t->sql, t->t0);
	}
}

/* COPY ... TO STDOUT typed as SQL: its lines are the answer, as psql prints them. */
static void typed_copy(void *ctx, const char *data, int len)
{
	struct typed *t = ctx;

	if (len > 0 && data[len - 1] == '\n')
		len--;
	dwh_msg(t->s, LOG_INFO, "%.*s", len, data);
}

/* Rows go to the front end in batches as they come, so the first rows show while the server
 * still sends and a huge result never sits whole in memory. COPY ... FROM STDIN has no stdin
 * to read here (the console owns the terminal): it is ended with a reason, and the server's
 * error says so. */
static enum dwh_rc stream_rows(struct dwh *s, const char *sql, double t0)
{
	struct typed t = { .s = s, .sql = sql, .t0 = t0, .r = { .sql = sql } };
	const struct db_sink k = {
		.ctx = &t, .columns = typed_columns, .rows = typed_rows, .answer = typed_answer,
		.copy_out = typed_copy,
		.copy_in_refusal = "COPY FROM STDIN is not read here; use copy TABLE FROM FILE",
	};
	enum dwh_rc rc = db_stream(s, sql, &k);

	if (t.begun) {
		t.r.ms = s->timing ? (dwh_now() - t0) * 1000.0 : -1;
		t.r.res = NULL;
		dwh_rows(s, ROWS_END, &t.r);
	}
	return rc;
}

static enum dwh_rc run_statement(struct dwh *s, const char *sql)
{
	double t0 = dwh_now();

	if (exercise_takes(s, sql))     /* an exercise being worked: run, shown and checked */
		return report(s, exercise_check(s, sql));
	if (!s->out.rows) {     /* a front end that takes whole results */
		PGresult *res = db_query(s, sql);
		if (!res)
			return report(s, db_fail_rc(s));
		dwh_result(s, res, NULL, s->timing ? (dwh_now() - t0) * 1000.0 : -1);
		PQclear(res);
		return DWH_OK;
	}
	return report(s, stream_rows(s, sql, t0));
}

/* SQL text: each statement is sent and shown on its own, as psql -c does. */
static enum dwh_rc run_sql(struct dwh *s, const char *text)
{
	struct sqlscan_iter it;
	const char *stmt;
	enum dwh_rc rc = DWH_OK;

	err_clear(&s->err);
	s->interrupted = 0;
	if (!sqlscan_start(&it, text))
		return report(s, dwh_fail(s, "out of memory"));
	if ((rc = db_ensure(s)) != DWH_OK) {
		sqlscan_stop(&it);
		return report(s, rc);
	}
	while (rc == DWH_OK && (stmt = sqlscan_next(&it)))
		if ((rc = guard_statement(s, stmt)) == DWH_OK)
			rc = run_statement(s, stmt);
		else
			rc = report(s, rc);
	sqlscan_stop(&it);
	return rc;
}

/* SQL and psql's meta-commands see \set variables (:NAME, :'NAME', :"NAME"); dwh's own
 * commands do not, so their arguments mean what they say. */
static enum dwh_rc run_expanded(struct dwh *s, const char *text, bool sql)
{
	char *x;
	enum dwh_rc rc;

	err_clear(&s->err);
	if (!sql) {
		char **argv, word[64];
		int argc;
		const struct dwh_cmd *c;

		/* a raw one (\copy) takes its line as typed, as psql's whole-line arguments */
		snprintf(word, sizeof word, "%.*s", (int)strcspn(text, " \t\n"), text);
		if ((c = cmd_find(word)) && c->raw)
			return run_command(s, text);
		argc = vars_meta_argv(s, text, &argv);

		if (argc < 0)
			return report(s, DWH_FAIL);
		rc = cmd_dispatch_argv(s, argc, argv);
		cmd_free_argv(argv);
		return rc;
	}
	if (!(x = vars_interpolate(s, text)))
		return report(s, DWH_FAIL);
	qbuf_set_last(s, x);
	rc = run_sql(s, x);
	free(x);
	return rc;
}

enum dwh_rc cmd_dispatch_sql_raw(struct dwh *s, const char *sql)
{
	return sqlscan_blank(sql) ? DWH_OK : run_sql(s, sql);
}

enum dwh_rc cmd_dispatch_sql(struct dwh *s, const char *sql)
{
	return sqlscan_blank(sql) ? DWH_OK : run_expanded(s, sql, true);
}

enum dwh_rc cmd_dispatch(struct dwh *s, const char *text)
{
	if (sqlscan_blank(text) || cmd_script_skip(s, text))
		return DWH_OK;    /* a branch \if did not take: neither run nor interpolated */
	switch (cmd_classify(text)) {
	case CMD_KIND_COMMAND:
		while (*text == ' ' || *text == '\t' || *text == '\n')
			text++;
		return *text == '\\' ? run_expanded(s, text, false) : run_command(s, text);
	case CMD_KIND_UNKNOWN:
		err_clear(&s->err);
		cmd_unknown(s, text);
		return report(s, DWH_FAIL);
	default:
		return run_expanded(s, text, true);
	}
}
