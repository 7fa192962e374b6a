/* cmd_script.c — what psql scripts are made of: \if \elif \else \endif (psql's rules: nested,
 * a branch not taken is neither run nor interpolated), \gset [PREFIX], \gexec, \o [FILE] and
 * \qecho; and the one reader of a typed or scripted line every front end shares
 * (cmd_take_line: `SELECT ... \gset` on one line, as psql reads it). */
#include "cmd/cmd.h"

#include "db/db.h"
#include "psql/qbuf.h"
#include "psql/vars.h"
#include "view/print.h"
#include "base/sqlscan.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* psql's conditional states (conditional.h) */
enum cond { COND_TRUE, COND_FALSE, COND_IGNORED, COND_ELSE_TRUE, COND_ELSE_FALSE };
#define COND_MAX 256

struct dwh_script {
	enum cond stack[COND_MAX];
	int depth;              /* branches open */
	int base;               /* where the running file's branches begin (each file has its own) */
	FILE *qout;             /* \o's file or pipe, NULL: the front end */
	bool qout_pipe;
	struct dwh_out saved;   /* the front end's callbacks while \o holds the results */
	PGresult *rows;         /* a streamed result gathered for \o */
};

static struct dwh_script *state(struct dwh *s)
{
	if (!s->script)
		s->script = calloc(1, sizeof *s->script);
	return s->script;
}

bool cmd_script_active(struct dwh *s)
{
	struct dwh_script *c = s->script;

	return !c || c->depth == 0 || c->stack[c->depth - 1] == COND_TRUE ||
	       c->stack[c->depth - 1] == COND_ELSE_TRUE;
}

int cmd_script_begin(struct dwh *s)
{
	struct dwh_script *c = state(s);
	int mark = c ? c->base : 0;

	if (c)
		c->base = c->depth;
	return mark;
}

enum dwh_rc cmd_script_end(struct dwh *s, int mark, bool complain)
{
	struct dwh_script *c = s->script;
	bool open;

	if (!c)
		return DWH_OK;
	open = c->depth > c->base;
	c->depth = c->base;
	c->base = mark;
	if (open && complain)
		return dwh_fail(s, "reached EOF without finding closing \\endif(s)");
	return DWH_OK;
}

/* psql's ParseVariableBool: a prefix of true/false/yes/no, on/off (two letters at least), 1/0,
 * in any case. */
bool cmd_parse_bool(const char *v, bool *out)
{
	size_t n = strlen(v);

	if (n > 0 && !strncasecmp(v, "true", n))
		*out = true;
	else if (n > 0 && !strncasecmp(v, "false", n))
		*out = false;
	else if (n > 0 && !strncasecmp(v, "yes", n))
		*out = true;
	else if (n > 0 && !strncasecmp(v, "no", n))
		*out = false;
	else if (!strncasecmp(v, "on", n > 2 ? n : 2))
		*out = true;
	else if (!strncasecmp(v, "off", n > 2 ? n : 2))
		*out = false;
	else if (!strcmp(v, "1"))
		*out = true;
	else if (!strcmp(v, "0"))
		*out = false;
	else
		return false;
	return true;
}

/* The words after \if or \elif joined by blanks, as psql gathers its expression. One that is
 * no Boolean is said and taken as false, and the script goes on, as psql's does. */
static enum dwh_rc expression(struct dwh *s, int argc, char **argv, const char *what, bool *val)
{
	char buf[1024];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; i < argc && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 1 ? " " : "", argv[i]);
	*val = false;
	if (!cmd_parse_bool(buf, val))
		dwh_msg(s, LOG_ERROR, "unrecognized value \"%s\" for \"%s\": Boolean expected", buf, what);
	return DWH_OK;
}

static enum dwh_rc exec_if(struct dwh *s, int argc, char **argv)
{
	struct dwh_script *c = state(s);
	bool val = false;
	enum dwh_rc rc = DWH_OK;

	if (!c)
		return dwh_fail(s, "\\if: out of memory");
	if (c->depth >= COND_MAX)
		return dwh_fail(s, "\\if: more than %d branches nested", COND_MAX);
	if (cmd_script_active(s)) {
		rc = expression(s, argc, argv, "\\if expression", &val);
		c->stack[c->depth++] = val ? COND_TRUE : COND_FALSE;
	} else {
		c->stack[c->depth++] = COND_IGNORED;    /* not even looked at, as psql */
	}
	return rc;
}

static enum cond *top(struct dwh *s)
{
	struct dwh_script *c = state(s);

	return c && c->depth > c->base ? &c->stack[c->depth - 1] : NULL;
}

static enum dwh_rc exec_elif(struct dwh *s, int argc, char **argv)
{
	enum cond *t = top(s);
	bool val;
	enum dwh_rc rc;

	if (!t)
		return dwh_fail(s, "\\elif: no matching \\if");
	switch (*t) {
	case COND_TRUE:         /* a branch was taken: the rest are skipped, unevaluated */
		*t = COND_IGNORED;
		return DWH_OK;
	case COND_FALSE:
		rc = expression(s, argc, argv, "\\elif expression", &val);
		*t = val ? COND_TRUE : COND_FALSE;
		return rc;
	case COND_IGNORED:
		return DWH_OK;
	default:
		return dwh_fail(s, "\\elif: cannot occur after \\else");
	}
}

static enum dwh_rc exec_else(struct dwh *s, int argc, char **argv)
{
	enum cond *t = top(s);

	(void)argc, (void)argv;
	if (!t)
		return dwh_fail(s, "\\else: no matching \\if");
	switch (*t) {
	case COND_TRUE:
	case COND_IGNORED:
		*t = COND_ELSE_FALSE;
		return DWH_OK;
	case COND_FALSE:
		*t = COND_ELSE_TRUE;
		return DWH_OK;
	default:
		return dwh_fail(s, "\\else: cannot occur after \\else");
	}
}

static enum dwh_rc exec_endif(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!top(s))
		return dwh_fail(s, "\\endif: no matching \\if");
	s->script->depth--;
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_if = {
	.name = "\\if",
	.args = "EXPR",
	.max_args = CMD_ANY,
	.help = "begin a conditional block: runs when EXPR is true (true/false, on/off, yes/no, 1/0)",
	.exec = exec_if,
};

const struct dwh_cmd cmd_meta_elif = {
	.name = "\\elif",
	.args = "EXPR",
	.max_args = CMD_ANY,
	.help = "within \\if: a branch tried when none before it ran",
	.exec = exec_elif,
};

const struct dwh_cmd cmd_meta_else = {
	.name = "\\else",
	.args = "",
	.help = "within \\if: the branch when none before it ran",
	.exec = exec_else,
};

const struct dwh_cmd cmd_meta_endif = {
	.name = "\\endif",
	.args = "",
	.help = "end a conditional block",
	.exec = exec_endif,
};

bool cmd_script_skip(struct dwh *s, const char *text)
{
	char word[16];
	const char *p = text + strspn(text, " \t\n");

	if (cmd_script_active(s))
		return false;
	snprintf(word, sizeof word, "%.*s", (int)strcspn(p, " \t\n"), p);
	if (!strcmp(word, "\\elif") || !strcmp(word, "\\else") || !strcmp(word, "\\endif"))
		return false;
	if (!strcmp(word, "\\if")) {            /* nested in a skipped branch: ignored whole */
		struct dwh_script *c = state(s);

		if (c && c->depth < COND_MAX)
			c->stack[c->depth++] = COND_IGNORED;
	} else if (*p == '\\') {
		qbuf_reset(s);          /* a skipped \g and the like drop what they would send */
	}
	return true;
}

/* ---- the query buffer sent for \gset and \gexec ---- */

/* The statement typed (or the last one), interpolated and recorded as the last sent. */
static char *take_query(struct dwh *s, const char *who)
{
	char *t = qbuf_get(s), *sql;

	if (t)
		qbuf_reset(s);
	else
		t = qbuf_last(s);
	if (!t || sqlscan_blank(t)) {
		free(t);
		dwh_fail(s, "%s: no query to send", who);
		return NULL;
	}
	sql = vars_interpolate(s, t);
	free(t);
	if (sql)
		qbuf_set_last(s, sql);
	return sql;
}

/* The statement's result; NULL with *rc saying why (no statement, or the server's error). */
PGresult *cmd_query_buffer(struct dwh *s, const char *who, char **sqlp, enum dwh_rc *rc)
{
	char *sql = take_query(s, who);
	PGresult *res;

	*rc = DWH_FAIL;
	if (!sql)
		return NULL;
	if (!(res = db_query(s, sql)))
		*rc = db_fail_rc(s);
	if (sqlp)
		*sqlp = sql;
	else
		free(sql);
	return res;
}

static enum dwh_rc exec_gset(struct dwh *s, int argc, char **argv)
{
	const char *prefix = argc > 1 ? argv[1] : "";
	char *sql = NULL;
	enum dwh_rc rc;
	PGresult *res = cmd_query_buffer(s, "\\gset", &sql, &rc);

	if (!res) {
		free(sql);
		return rc;
	}
	rc = DWH_OK;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		dwh_answer(s, res, sql, -1);    /* a command: its tag, as psql shows it */
		if (!s->out.answer)
			dwh_result(s, res, NULL, -1);
	} else if (PQntuples(res) < 1) {
		rc = dwh_fail(s, "no rows returned for \\gset");
	} else if (PQntuples(res) > 1) {
		rc = dwh_fail(s, "more than one row returned for \\gset");
	} else {
		for (int i = 0; i < PQnfields(res) && rc == DWH_OK; i++) {
			char name[256];

			snprintf(name, sizeof name, "%s%s", prefix, PQfname(res, i));
			if (!vars_valid_name(name))
				rc = dwh_fail(s, "invalid variable name: \"%s\"", name);
			else if (PQgetisnull(res, 0, i))
				vars_unset(s, name);    /* NULL unsets, as psql */
			else if (vars_set(s, name, PQgetvalue(res, 0, i)) < 0)
				rc = dwh_fail(s, "\\gset: out of memory");
		}
	}
	PQclear(res);
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_meta_gset = {
	.name = "\\gset",
	.args = "[PREFIX]",
	.max_args = 1,
	.help = "send the statement and store its one row's columns in variables (PREFIX + column name)",
	.needs_conn = true,
	.exec = exec_gset,
};

static enum dwh_rc exec_gexec(struct dwh *s, int argc, char **argv)
{
	enum dwh_rc rc;
	PGresult *res = cmd_query_buffer(s, "\\gexec", NULL, &rc);

	(void)argc, (void)argv;
	if (!res)
		return rc;
	rc = DWH_OK;
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		/* every value, row by row and left to right, is a statement of its own; NULLs are
		 * passed over; variables in it are not interpolated */
		for (int i = 0; i < PQntuples(res) && rc == DWH_OK; i++)
			for (int j = 0; j < PQnfields(res) && rc == DWH_OK; j++)
				if (!PQgetisnull(res, i, j))
					rc = cmd_dispatch_sql_raw(s, PQgetvalue(res, i, j));
	}
	PQclear(res);
	return rc;
}

const struct dwh_cmd cmd_meta_gexec = {
	.name = "\\gexec",
	.args = "",
	.help = "send the statement, then run each value of its result as a statement",
	.needs_conn = true,
	.exec = exec_gexec,
};

/* ---- \o: results (rows, tags) to a file or a pipe; messages and errors stay ---- */

static struct dwh_script *out_state;    /* the session whose results \o holds (there is one) */

static void qout_print(struct dwh *s, const PGresult *res)
{
	FILE *f = out_state->qout;

	if (s->opts.csv)
		print_csv(f, res);
	else if (print_wants_expanded(res, s->expanded, 0)) {
		print_expanded(f, res, NULL, true);
		fputc('\n', f);
	} else
		print_aligned(f, res);
	fflush(f);
}

static struct dwh *out_session;

static void qout_timing(double ms)
{
	char t[96];

	if (ms < 0 || !out_state->saved.msg)
		return;
	print_timing(t, sizeof t, ms);
	out_state->saved.msg(out_state->saved.ctx, LOG_INFO, t);
}

static void qout_result(void *ctx, const PGresult *res, const char *title, double ms)
{
	(void)ctx, (void)title;
	qout_print(out_session, res);
	qout_timing(ms);
}

static void qout_rows(void *ctx, enum dwh_rows_phase ph, const struct dwh_rows *r)
{
	PGresult **rows = &out_state->rows;

	(void)ctx;
	if (ph == ROWS_BEGIN) {
		PQclear(*rows);
		*rows = PQcopyResult(r->res, PG_COPYRES_ATTRS);
	} else if (ph == ROWS_MORE && *rows) {
		int nf = PQnfields(r->res);

		for (int i = 0; i < PQntuples(r->res); i++) {
			int at = PQntuples(*rows);

			for (int c = 0; c < nf; c++)
				PQsetvalue(*rows, at, c, PQgetisnull(r->res, i, c) ? NULL
					   : PQgetvalue(r->res, i, c), PQgetisnull(r->res, i, c) ? -1
					   : PQgetlength(r->res, i, c));
		}
	} else if (ph == ROWS_END && *rows) {
		qout_print(out_session, *rows);
		PQclear(*rows);
		*rows = NULL;
		qout_timing(r->ms);
	}
}

static void qout_answer(void *ctx, const PGresult *res, const char *sql, double ms)
{
	(void)ctx;
	if (PQresultStatus(res) == PGRES_COMMAND_OK) {
		qout_print(out_session, res);
		qout_timing(ms);
	} else if (out_state->saved.answer) {
		out_state->saved.answer(out_state->saved.ctx, res, sql, ms);
	}
}

static void qout_close(struct dwh *s)
{
	struct dwh_script *c = s->script;

	if (!c || !c->qout)
		return;
	if (c->qout_pipe)
		pclose(c->qout);
	else
		fclose(c->qout);
	c->qout = NULL;
	s->out = c->saved;
	out_state = NULL;
	out_session = NULL;
}

static enum dwh_rc exec_out(struct dwh *s, int argc, char **argv)
{
	struct dwh_script *c = state(s);
	FILE *f;
	bool pipe = argc > 1 && argv[1][0] == '|';

	if (!c)
		return dwh_fail(s, "\\o: out of memory");
	qout_close(s);
	if (argc == 1)
		return DWH_OK;
	fflush(stdout);
	f = pipe ? popen(argv[1] + 1, "w") : fopen(argv[1], "w");
	if (!f)
		return dwh_fail(s, "%s: %s", argv[1], strerror(errno));
	c->qout = f;
	c->qout_pipe = pipe;
	c->saved = s->out;
	out_state = c;
	out_session = s;
	s->out.result = qout_result;
	s->out.rows = qout_rows;
	s->out.answer = qout_answer;
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_o = {
	.name = "\\o",
	.args = "[FILE]",
	.max_args = 1,
	.help = "send query results to FILE (|COMMAND: a pipe); alone: back to the screen",
	.exec = exec_out,
};

static enum dwh_rc exec_qecho(struct dwh *s, int argc, char **argv)
{
	struct dwh_script *c = s->script;
	char buf[4096];
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 1; i < argc && len < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 1 ? " " : "", argv[i]);
	if (c && c->qout) {
		fprintf(c->qout, "%s\n", buf);
		fflush(c->qout);
	} else {
		dwh_msg(s, LOG_INFO, "%s", buf);
	}
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_qecho = {
	.name = "\\qecho",
	.args = "[TEXT...]",
	.max_args = CMD_ANY,
	.help = "print the words where query results go (\\o's file)",
	.exec = exec_qecho,
};

/* ---- one typed or scripted line ---- */

/* Where a meta-command begins inside a line of SQL (psql ends the SQL at a backslash outside
 * quotes and comments: `SELECT 1 AS one \gset`), 0 when none does. `pend` is the statement the
 * line continues. */
static size_t meta_at(const char *pend, const char *line)
{
	size_t np = pend ? strlen(pend) + 1 : 0, nl = strlen(line);
	char *buf = malloc(np + nl + 1);
	size_t at = 0;

	if (!buf)
		return 0;
	if (pend)
		memcpy(buf, pend, np - 1), buf[np - 1] = '\n';
	memcpy(buf + np, line, nl + 1);
	for (size_t i = 0; i < nl; i++) {
		char st;

		if (line[i] != '\\' && !(line[i] == '-' && line[i + 1] == '-'))
			continue;
		st = sqlscan_state(buf, np + i);
		if (st == '\'' || st == '"' || st == '$' || st == '*')
			continue;
		if (line[i] == '-')     /* a comment to the end of the line */
			break;
		if (i > 0 && !sqlscan_blank_n(line, i))
			at = i;
		break;
	}
	free(buf);
	return at;
}

char *cmd_take_line(struct dwh *s, const char *line)
{
	bool pending = qbuf_pending(s), meta = line[strspn(line, " \t")] == '\\';
	char *pend;
	size_t at;

	if ((!pending || meta) && cmd_is_command(line))
		return strdup(line);
	pend = qbuf_get(s);
	at = meta_at(pend, line);
	free(pend);
	if (at > 0) {
		char *sql = strndup(line, at);

		if (sql)
			qbuf_append(s, sql);
		free(sql);
		return strdup(line + at);
	}
	qbuf_append(s, line);
	return qbuf_take(s);
}
