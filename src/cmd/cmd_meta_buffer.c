/* cmd_meta_buffer.c — psql's meta-commands over the query buffer (qbuf.h): \p shows it, \r
 * clears it, \g sends it, \e edits it, \watch re-runs it every few seconds; and \i runs a file
 * of commands and SQL. Each works on the statement being typed, or else on the last one sent. */
#include "cmd/cmd.h"
#include "db/db.h"
#include "psql/editor.h"
#include "psql/qbuf.h"
#include "psql/vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The pending text, or the last statement sent (malloc'd, NULL when neither). */
static char *current_or_last(struct dwh *s, bool *pending)
{
	char *t = qbuf_get(s);

	*pending = t != NULL;
	return t ? t : qbuf_last(s);
}

static enum dwh_rc exec_print(struct dwh *s, int argc, char **argv)
{
	bool pending;
	char *t = current_or_last(s, &pending);

	(void)argc, (void)argv;
	if (!t) {
		dwh_msg(s, LOG_INFO, "Query buffer is empty.");
		return DWH_OK;
	}
	for (char *line = t, *nl; line; line = nl ? nl + 1 : NULL) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		dwh_msg(s, LOG_INFO, "%s", line);
	}
	free(t);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_p = {
	.name = "\\p",
	.args = "",
	.help = "show the statement being typed (or the last one sent)",
	.exec = exec_print,
};

static enum dwh_rc exec_reset(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	qbuf_reset(s);
	dwh_msg(s, LOG_INFO, "Query buffer reset (cleared).");
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_r = {
	.name = "\\r",
	.args = "",
	.help = "drop the statement being typed",
	.exec = exec_reset,
};

static enum dwh_rc exec_go(struct dwh *s, int argc, char **argv)
{
	bool pending;
	char *t = current_or_last(s, &pending);
	enum dwh_rc rc;

	(void)argc, (void)argv;
	if (!t)
		return dwh_fail(s, "\\g: no statement typed and none sent before");
	if (pending)
		qbuf_reset(s);
	rc = cmd_dispatch_sql(s, t);
	free(t);
	return rc;
}

const struct dwh_cmd cmd_meta_g = {
	.name = "\\g",
	.args = "",
	.help = "send the statement being typed, without a ';' (alone: the last one again)",
	.exec = exec_go,
};

/* psql's \e: what the editor leaves runs when it ends with ';', else it waits at the prompt. */
static enum dwh_rc exec_edit(struct dwh *s, int argc, char **argv)
{
	bool pending;
	char *t = argc > 1 ? NULL : current_or_last(s, &pending), *done, *now;
	enum dwh_rc rc = DWH_OK;

	now = editor_edit(s, t, argc > 1 ? argv[1] : NULL);
	free(t);
	if (!now)
		return DWH_FAIL;
	qbuf_set(s, now);
	free(now);
	if ((done = qbuf_take(s)) != NULL) {
		rc = cmd_dispatch(s, done);
		free(done);
	}
	return rc;
}

const struct dwh_cmd cmd_meta_e = {
	.name = "\\e",
	.args = "[FILE]",
	.max_args = 1,
	.help = "edit the statement being typed (or the last one) in $VISUAL or $EDITOR; runs if it ends with ;",
	.exec = exec_edit,
};

/* Sleep up to secs, waking early for Ctrl-C. */
static void nap(struct dwh *s, double secs)
{
	double until = dwh_now() + secs;

	while (!s->interrupted && dwh_now() < until) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
}

static enum dwh_rc watch_once(struct dwh *s, const char *sql, double secs, int *rows)
{
	char when[64], title[128];
	time_t now = time(NULL);
	double t0 = dwh_now();
	PGresult *res = db_query(s, sql);

	if (!res)
		return s->interrupted ? DWH_OK : db_fail_rc(s);
	strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y", localtime(&now));
	snprintf(title, sizeof title, "%s (every %gs)", when, secs);
	*rows = PQntuples(res);
	if (!s->out.text)       /* a front end that keeps results titles them; else as psql */
		dwh_msg(s, LOG_INFO, "%s\n", title);
	dwh_result(s, res, title, s->timing ? (dwh_now() - t0) * 1000.0 : -1);
	PQclear(res);
	return DWH_OK;
}

/* psql 16's arguments: i=SEC (or interval=, or a bare number), c=N (count=), m=ROWS
 * (min_rows=): each at most once. */
static enum dwh_rc watch_args(struct dwh *s, int argc, char **argv, double *secs, long long *count,
			      long long *min_rows)
{
	bool seen[3] = { false, false, false };

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : 0;
		int k = !eq ? 0 : (!strncmp(a, "i", n) || !strncmp(a, "interval", n)) && n ? 0
		      : (!strncmp(a, "c", n) || !strncmp(a, "count", n)) && n ? 1
		      : (!strncmp(a, "m", n) || !strncmp(a, "min_rows", n)) && n ? 2 : -1;
		static const char *const what[] = { "interval", "iteration count", "minimum row count" };
		const char *v = eq ? eq + 1 : a;
		char *end;

		if (k < 0)
			return dwh_fail(s, "\\watch: unrecognized parameter \"%.*s\"", (int)n, a);
		if (seen[k])
			return dwh_fail(s, "\\watch: %s is specified more than once", what[k]);
		seen[k] = true;
		if (k == 0) {
			*secs = strtod(v, &end);
			if (!*v || *end || *secs < 0 || *secs > 86400)
				return dwh_fail(s, "\\watch: incorrect interval value \"%s\"", v);
		} else if (!cmd_number(v, 1, 1000000000, k == 1 ? count : min_rows)) {
			return dwh_fail(s, "\\watch: incorrect %s \"%s\"", what[k], v);
		}
	}
	return DWH_OK;
}

static enum dwh_rc exec_watch(struct dwh *s, int argc, char **argv)
{
	double secs = 2;
	long long count = 0, min_rows = 0, runs = 0;
	char *t, *sql;
	bool pending;
	enum dwh_rc rc = DWH_OK;

	if (watch_args(s, argc, argv, &secs, &count, &min_rows) != DWH_OK)
		return DWH_FAIL;
	if (!(t = current_or_last(s, &pending)))
		return dwh_fail(s, "\\watch cannot be used with an empty query");
	if (pending)
		qbuf_reset(s);
	sql = vars_interpolate(s, t);
	free(t);
	if (!sql)
		return DWH_FAIL;
	qbuf_set_last(s, sql);
	if (!count && s->out.text)
		dwh_msg(s, LOG_INFO, "\\watch: every %gs until Ctrl-C", secs);
	while (rc == DWH_OK && !s->interrupted) {
		int rows = 0;

		rc = watch_once(s, sql, secs, &rows);
		if ((count && ++runs >= count) || (min_rows && rows < min_rows))
			break;
		nap(s, secs);
	}
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_meta_watch = {
	.name = "\\watch",
	.args = "[[i=]SECONDS] [c=COUNT] [m=MIN_ROWS]",
	.max_args = 3,
	.help = "run the last statement again every SECONDS (2) until Ctrl-C, COUNT times, or until fewer than MIN_ROWS rows",
	.needs_conn = true,
	.exec = exec_watch,
};

/* \i inside a statement being typed runs the file on its own; the statement waits. */
static enum dwh_rc exec_include(struct dwh *s, int argc, char **argv)
{
	char *saved = qbuf_get(s);
	enum dwh_rc rc;

	(void)argc;
	rc = s->hooks.script ? s->hooks.script(s, argv[1]) : dwh_fail(s, "\\i: no script reader here");
	qbuf_set(s, saved);
	free(saved);
	return rc;
}

const struct dwh_cmd cmd_meta_i = {
	.name = "\\i",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.help = "run the commands and SQL in FILE",
	.exec = exec_include,
};
