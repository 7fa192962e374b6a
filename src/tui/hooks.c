/* hooks.c — the console's side of the front-end hooks (theme, screenshot, quit). They run on
 * the worker thread, so they only leave requests in the model for the drawing thread and,
 * for a screenshot, wait for it to be written. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "view/chart.h"
#include "view/export.h"
#include "tui/explore.h"
#include "batch/batch.h"
#include "tui/ui.h"

static enum dwh_rc hook_theme(struct dwh *s, const char *name)
{
	struct ui *u = ui_of_session(s);
	struct theme t;
	char *names[64];

	if (!name) {
		int n = theme_list(names, 64);
		char buf[1024] = "";
		for (int i = 0; i < n; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i ? " " : "", names[i]);
		theme_list_free(names, n);
		char now[64];
		model_lock(&u->m);
		snprintf(now, sizeof now, "%s", u->theme.name);
		model_unlock(&u->m);
		dwh_msg(s, LOG_INFO, "themes: %s (now: %s)", buf, now);
		return DWH_OK;
	}
	if (theme_load(name, &t, &s->err) < 0)
		return DWH_FAIL;
	model_lock(&u->m);
	u->want = t;
	u->want_theme = true;
	model_changed(&u->m);
	model_unlock(&u->m);
	dwh_msg(s, LOG_INFO, "theme: %s%s", t.name, u->ncolors ? "" : " (no colours on this terminal)");
	return DWH_OK;
}

static enum dwh_rc hook_screenshot(struct dwh *s, const char *path)
{
	struct ui *u = ui_of_session(s);
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	model_lock(&u->m);
	free(u->shot_path);
	u->shot_path = strdup(path);
	u->shot_done = false;
	model_changed(&u->m);
	while (!u->shot_done && rc == 0)
		rc = pthread_cond_timedwait(&u->shot_cv, &u->m.mu, &until);
	bool done = u->shot_done;
	int err = u->shot_rc;
	model_unlock(&u->m);
	if (!done || err)
		return dwh_fail(s, "screenshot %s: %s", path,
				done ? strerror(err) : "the screen did not answer");
	dwh_msg(s, LOG_INFO, "screenshot: %s", path);
	return DWH_OK;
}

static enum dwh_rc hook_quit(struct dwh *s)
{
	struct ui *u = ui_of_session(s);

	model_lock(&u->m);
	u->quit_req = true;
	model_changed(&u->m);
	model_unlock(&u->m);
	return DWH_OK;
}

/* The drawing thread leaves the screen, runs it, and comes back; we wait as long as it takes. */
static int hook_terminal(struct dwh *s, char *const argv[])
{
	struct ui *u = ui_of_session(s);

	model_lock(&u->m);
	u->term_argv = argv;
	u->term_done = false;
	model_changed(&u->m);
	while (!u->term_done)
		pthread_cond_wait(&u->shot_cv, &u->m.mu);
	int rc = u->term_rc;
	model_unlock(&u->m);
	return rc;
}

/* `log`: every line the log pane keeps, with its time, as a text result to browse and search. */
static enum dwh_rc hook_log(struct dwh *s)
{
	struct model *m = &ui_of_session(s)->m;
	struct model_result *r = NULL;
	char **lines;
	int n;

	model_lock(m);
	n = m->log_n;
	if ((lines = calloc((size_t)n + 1, sizeof *lines)) != NULL) {
		for (int i = 0; i < n; i++) {
			const struct model_log_line *l = model_log_at(m, i);
			char t[16], *line;
			struct tm tm;

			localtime_r(&l->when, &tm);
			strftime(t, sizeof t, "%H:%M:%S", &tm);
			if ((line = malloc(strlen(l->text) + 16)) != NULL)
				sprintf(line, "%s %s", t, l->text);
			lines[i] = line ? line : strdup("");
		}
		r = model_text_result(RES_TEXT, "session log", NULL, lines, n);
	}
	if (r) {
		model_add_result(m, r);
		m->cap_result = true;
	}
	model_unlock(m);
	if (!r)
		return dwh_fail(s, "out of memory");
	return DWH_OK;
}

/* `results`: the kept results as a text answer; `result N`: show one again. */
static enum dwh_rc hook_results(struct dwh *s, int id)
{
	struct model *m = &ui_of_session(s)->m;
	int n = 0;
	enum dwh_rc rc = DWH_OK;

	model_lock(m);
	if (id > 0) {
		if (!model_show_result(m, id))
			rc = dwh_fail(s, "no result %d is kept (`results` lists them)", id);
		else
			m->cap_result = true;
		model_unlock(m);
		return rc;
	}
	char **lines = calloc((size_t)m->nhist + 2, sizeof *lines);
	for (int i = m->nhist - 1; lines && i >= 0; i--) {     /* the newest first */
		const struct model_result *r = m->hist[i];
		const char *what = r->title ? r->title : r->sql ? r->sql : "";
		char size[48], t[32] = "", line[400];
		while (*what == ' ' || *what == '\n')
			what++;
		if (r->kind == RES_ROWS)
			snprintf(size, sizeof size, "%ld row%s", rows_count(r->rows),
				 rows_count(r->rows) == 1 ? "" : "s");
		else if (r->kind == RES_TEXT)
			snprintf(size, sizeof size, "%d lines", r->nlines);
		else
			snprintf(size, sizeof size, "%.40s", r->kind == RES_ERROR ? "error" : r->lines[0]);
		if (r->ms >= 0)
			snprintf(t, sizeof t, "%.1f ms", r->ms);
		snprintf(line, sizeof line, "%s%3d  %-14s %10s  %.*s", i == m->cur ? ">" : " ", r->id, size,
			 t, (int)(strcspn(what, "\n") < 200 ? strcspn(what, "\n") : 200), what);
		lines[n++] = strdup(line);
	}
	struct model_result *r = lines ? model_text_result(RES_TEXT, "results (result N shows one)",
							   NULL, lines, n) : NULL;
	if (r) {
		model_add_result(m, r);
		m->cap_result = true;
	}
	model_unlock(m);
	if (!r)
		return dwh_fail(s, "out of memory");
	return DWH_OK;
}

static enum dwh_rc hook_freeze(struct dwh *s, int n)
{
	struct ui *u = ui_of_session(s);

	model_lock(&u->m);
	u->m.freeze = n;
	model_changed(&u->m);
	model_unlock(&u->m);
	dwh_msg(s, LOG_INFO, "freeze: the first %d column%s stay%s while the grid scrolls", n,
		n == 1 ? "" : "s", n == 1 ? "s" : "");
	return DWH_OK;
}

/* `chart`: the result shown as a chart, or back to the grid; why not when it cannot be. */
static enum dwh_rc hook_chart(struct dwh *s)
{
	struct model *m = &ui_of_session(s)->m;
	struct model_result *r;
	enum dwh_rc rc = DWH_OK;

	model_lock(m);
	r = model_current(m);
	if (!r || r->kind != RES_ROWS) {
		rc = dwh_fail(s, "chart: %s", r ? "the result shown has no rows" : "no result yet");
	} else if (r->chart) {
		r->chart = false;
	} else {
		struct chart ch;
		char why[200];
		if (chart_from_rows(&ch, r->rows, r->names, r->right, r->ncols, why, sizeof why) < 0) {
			rc = dwh_fail(s, "chart: %s", why);
		} else {
			chart_free(&ch);
			r->chart = true;
			r->record = false;
			r->auto_seen = true;    /* \x auto must not turn it back to records */
		}
	}
	if (r && rc == DWH_OK)
		m->cap_result = true;
	model_changed(m);
	model_unlock(m);
	return rc;
}

static char *hook_result_sql(struct dwh *s)
{
	struct ui *u = ui_of_session(s);
	struct model_result *r;
	char *sql = NULL;

	model_lock(&u->m);
	r = model_current(&u->m);
	/* Export writes what is shown: a complete result from its rows, in the order shown (after
	 * `S`), with the very values on screen (now() does not move). Only one that stopped
	 * early (Ctrl-C, no room) must be asked for again, and export says so. */
	if (r && r->kind == RES_ROWS && r->sql && !r->fetching && r->stopped[0])
		sql = strdup(r->sql);
	model_unlock(&u->m);
	return sql;
}

/* The shown result from its rowstore, a row at a time under the lock (the screen keeps
 * drawing between rows). */
static enum dwh_rc hook_export_rows(struct dwh *s, int fmt, const char *path, bool force,
				    long *rows)
{
	struct model *m = &ui_of_session(s)->m;
	struct model_result *r;
	struct exporter *x = NULL;
	enum dwh_rc rc = DWH_OK;

	model_lock(m);
	r = model_current(m);
	if (!r || r->kind != RES_ROWS) {
		model_unlock(m);
		return dwh_fail(s, "export: the result shown has no rows");
	}
	int id = r->id, nc = r->ncols;
	const char *cells[nc + 1];
	x = export_open((enum export_fmt)fmt, path, force, nc, r->names, r->right, &s->err);
	model_unlock(m);
	if (!x)
		return DWH_FAIL;
	for (long i = 0; rc == DWH_OK && !s->interrupted; i++) {
		model_lock(m);
		r = model_current(m);
		if (!r || r->id != id) {        /* the result went: only ever the oldest of 20 */
			model_show_result(m, id);
			r = model_current(m);
		}
		bool more = r && r->id == id && i < rows_count(r->rows);
		if (more && (rows_get(r->rows, i, cells) < 0 || export_row(x, cells, &s->err) < 0))
			rc = DWH_FAIL;
		model_unlock(m);
		if (!more)
			break;
	}
	if (s->interrupted)
		rc = dwh_fail(s, "export: cancelled");
	*rows = export_rows_written(x);
	if (export_close(x, rc == DWH_OK, &s->err) < 0)
		rc = DWH_FAIL;
	return rc;
}

/* The width a command's text may take: the Result pane's inside, as last drawn. */
static int hook_text_width(struct dwh *s)
{
	struct model *m = &ui_of_session(s)->m;
	int w;

	model_lock(m);
	w = m->text_width;
	model_unlock(m);
	return w;
}

void hooks_install(struct ui *u)
{
	u->s->hooks.theme = hook_theme;
	u->s->hooks.screenshot = hook_screenshot;
	u->s->hooks.quit = hook_quit;
	u->s->hooks.terminal = hook_terminal;
	u->s->hooks.log = hook_log;
	u->s->hooks.results = hook_results;
	u->s->hooks.freeze = hook_freeze;
	u->s->hooks.chart = hook_chart;
	u->s->hooks.text_width = hook_text_width;
	u->s->hooks.result_sql = hook_result_sql;
	u->s->hooks.export_rows = hook_export_rows;
	u->s->hooks.result_query = explore_result_query;
	u->s->hooks.script = batch_script;      /* \i reads a file as batch mode does */
	clipboard_install(u);
	catalog_install(u);
	mouse_install(u);
}

void hooks_remove(struct ui *u)
{
	memset(&u->s->hooks, 0, sizeof u->s->hooks);
}
