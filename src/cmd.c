/* cmd.c — dispatch: decide whether a unit of input is a dwh command or SQL, run it, and report
 * its error through the front end. Shared by the console, the plain prompt, -c and -f. */
#include "cmd.h"

#include "db.h"
#include "qbuf.h"
#include "vars.h"
#include "sqlscan.h"

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
		return -1;
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

void cmd_free_argv(char **argv)
{
	if (argv) {
		free(argv[0]);
		free(argv);
	}
}

/* Report the session's error once, with SQLSTATE when the server gave one. */
static int report(struct dwh *s, int rc)
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

int cmd_usage(struct dwh *s, const char *name)
{
	const struct dwh_cmd *c = cmd_find(name);

	if (!c)
		err_set(&s->err, "usage: %s", name);
	else if (c->args[0])
		err_set(&s->err, "usage: %s %s", c->name, c->args);
	else
		err_set(&s->err, "usage: %s (takes no arguments)", c->name);
	return DWH_FAIL;
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

int cmd_dispatch_argv(struct dwh *s, int argc, char **argv)
{
	const struct dwh_cmd *c = argc > 0 ? cmd_find(argv[0]) : NULL;
	int rc;

	err_clear(&s->err);
	s->interrupted = 0;
	if (!c) {
		err_set(&s->err, "unknown command: %s (try help)", argc > 0 ? argv[0] : "");
		return report(s, DWH_FAIL);
	}
	if (argc - 1 < c->min_args || (c->max_args != CMD_ANY && argc - 1 > c->max_args))
		return report(s, cmd_usage(s, c->name));
	if (c->needs_conn && (rc = db_ensure(s)) != DWH_OK)
		return report(s, rc);
	return report(s, c->exec(s, argc, argv));
}

static int run_command(struct dwh *s, const char *line)
{
	char **argv;
	int argc = cmd_split(line, &argv), rc;

	if (argc < 0) {
		err_clear(&s->err);
		err_set(&s->err, "unterminated quote in: %s", line);
		return report(s, DWH_FAIL);
	}
	rc = cmd_dispatch_argv(s, argc, argv);
	cmd_free_argv(argv);
	return rc;
}

static int run_statement(struct dwh *s, const char *sql)
{
	double t0 = dwh_now();
	PGresult *res = db_query(s, sql);

	if (!res)
		return report(s, db_fail_rc(s));
	dwh_result(s, res, NULL, s->timing ? (dwh_now() - t0) * 1000.0 : -1);
	PQclear(res);
	return DWH_OK;
}

/* SQL text: each statement is sent and shown on its own, as psql -c does. */
static int run_sql(struct dwh *s, const char *text)
{
	size_t n = strlen(text), off = 0;
	int rc = DWH_OK;
	char *buf = malloc(n + 1);

	if (!buf)
		return DWH_FAIL;
	err_clear(&s->err);
	s->interrupted = 0;
	if ((rc = db_ensure(s)) != DWH_OK) {
		free(buf);
		return report(s, rc);
	}
	while (rc == DWH_OK && off < n) {
		size_t end = sqlscan_end(text + off, n - off);
		size_t len = end ? end : n - off;

		memcpy(buf, text + off, len);
		buf[len] = '\0';
		off += len;
		if (!sqlscan_blank(buf))
			rc = run_statement(s, buf);
	}
	free(buf);
	return rc;
}

/* SQL and psql's meta-commands see \set variables (:NAME, :'NAME', :"NAME"); dwh's own
 * commands do not, so their arguments mean what they say. */
static int run_expanded(struct dwh *s, const char *text, bool sql)
{
	char *x;
	int rc;

	err_clear(&s->err);
	if (!sql) {
		char **argv;
		int argc = vars_meta_argv(s, text, &argv);

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

int cmd_dispatch_sql(struct dwh *s, const char *sql)
{
	return sqlscan_blank(sql) ? DWH_OK : run_expanded(s, sql, true);
}

int cmd_dispatch(struct dwh *s, const char *text)
{
	if (sqlscan_blank(text))
		return DWH_OK;
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
