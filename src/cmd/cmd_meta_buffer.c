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

static enum dwh_rc watch_once(struct dwh *s, const char *sql, double secs)
{
	char when[64], title[128];
	time_t now = time(NULL);
	double t0 = dwh_now();
	PGresult *res = db_query(s, sql);

	if (!res)
		return s->interrupted ? DWH_OK : db_fail_rc(s);
	strftime(when, sizeof when, "%a %b %e %H:%M:%S %Y", localtime(&now));
	snprintf(title, sizeof title, "%s (every %gs)", when, secs);
	dwh_result(s, res, title, s->timing ? (dwh_now() - t0) * 1000.0 : -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc exec_watch(struct dwh *s, int argc, char **argv)
{
	double secs = 2;
	char *end, *t, *sql;
	bool pending;
	enum dwh_rc rc = DWH_OK;

	if (argc > 1 && ((secs = strtod(argv[1], &end)) <= 0 || *end || secs > 86400))
		return cmd_usage(s, argv[0]);
	if (!(t = current_or_last(s, &pending)))
		return dwh_fail(s, "\\watch cannot be used with an empty query");
	if (pending)
		qbuf_reset(s);
	sql = vars_interpolate(s, t);
	free(t);
	if (!sql)
		return DWH_FAIL;
	qbuf_set_last(s, sql);
	dwh_msg(s, LOG_INFO, "\\watch: every %gs until Ctrl-C", secs);
	while (rc == DWH_OK && !s->interrupted) {
		rc = watch_once(s, sql, secs);
		nap(s, secs);
	}
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_meta_watch = {
	.name = "\\watch",
	.args = "[SECONDS]",
	.max_args = 1,
	.help = "run the last statement again every SECONDS (2) until Ctrl-C",
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
