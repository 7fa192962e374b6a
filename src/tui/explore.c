/* explore.c — exploring a result in the browser: filters (| or &: a text, a comparison, `is
 * [not] null` or `~ regex` on the cursor column; they stack, u drops the last), columns hidden
 * (-), moved (< >) and shown again (=), the profile of a column (F, the `profile` command)
 * and Enter on a profile's top value, which filters the profiled result to it.
 *
 * A result explored keeps its rows as they came (struct explore's base) and shows a copy made
 * of the rows that pass every filter, with the shown columns in their order; the grid, sort,
 * search and `export` read that copy, so export writes what is shown. A result not all
 * fetched (cancelled, no room) is filtered by the server instead: its query runs again as a
 * subquery under a WHERE, a new result whose footer says so. Drawing thread, lock held. */
#include <curses.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "etl/runlog.h"
#include "tui/explore.h"
#include "tui/ui.h"
#include "view/filter.h"

#define XF_MAX 16

struct xfilter {
	int col;                /* base column */
	struct vfilter v;
};

struct explore {
	int ncols;              /* the result as it came: */
	char **names;
	bool *right;
	int *width;
	struct rowstore *rows;
	int *order, nshow;      /* base columns shown, left to right */
	struct xfilter f[XF_MAX];
	int nf;
};

void explore_free(struct explore *ex)
{
	if (!ex)
		return;
	for (int i = 0; i < ex->ncols; i++)
		free(ex->names[i]);
	for (int i = 0; i < ex->nf; i++)
		vfilter_free(&ex->f[i].v);
	free(ex->names);
	free(ex->right);
	free(ex->width);
	free(ex->order);
	rows_free(ex->rows);
	free(ex);
}

/* The result's rows and columns become the base (once); r then shows copies. */
static struct explore *take(struct model_result *r)
{
	struct explore *ex;

	if (r->ex)
		return r->ex;
	if (!(ex = calloc(1, sizeof *ex)) || !(ex->order = calloc((size_t)r->ncols + 1, sizeof *ex->order))) {
		free(ex);
		return NULL;
	}
	ex->ncols = ex->nshow = r->ncols;
	ex->names = r->names, ex->right = r->right, ex->width = r->width, ex->rows = r->rows;
	for (int c = 0; c < r->ncols; c++)
		ex->order[c] = c;
	r->names = NULL, r->right = NULL, r->width = NULL, r->rows = NULL, r->ncols = 0;
	return r->ex = ex;
}

/* r's shown rows and columns made again from the base. 0, or -1 (out of memory; r unchanged). */
static int rebuild(struct model_result *r)
{
	struct explore *ex = r->ex;
	int ns = ex->nshow;
	const char *cells[ex->ncols + 1], *vals[ns + 1];
	int lens[ns + 1];
	char **names = calloc((size_t)ns + 1, sizeof *names);
	bool *right = calloc((size_t)ns + 1, sizeof *right);
	int *width = calloc((size_t)ns + 1, sizeof *width);
	struct rowstore *rs = rows_new(ns, MODEL_ROWS_MEM);
	long total = rows_count(ex->rows);
	bool ok = names && right && width && rs;

	for (int c = 0; ok && c < ns; c++) {
		ok = (names[c] = strdup(ex->names[ex->order[c]])) != NULL;
		right[c] = ex->right[ex->order[c]];
		width[c] = ex->width[ex->order[c]];
	}
	for (long i = 0; ok && i < total; i++) {
		bool keep = rows_get(ex->rows, i, cells) == 0;
		for (int k = 0; keep && k < ex->nf; k++)
			keep = vfilter_passes(&ex->f[k].v, cells[ex->f[k].col]);
		if (!keep)
			continue;
		for (int c = 0; c < ns; c++) {
			vals[c] = cells[ex->order[c]];
			lens[c] = vals[c] ? (int)strlen(vals[c]) : 0;
		}
		ok = rows_append(rs, vals, lens) == 0;
	}
	if (!ok) {
		for (int c = 0; names && c < ns; c++)
			free(names[c]);
		free(names), free(right), free(width), rows_free(rs);
		return -1;
	}
	for (int c = 0; c < r->ncols; c++)
		free(r->names[c]);
	free(r->names), free(r->right), free(r->width), rows_free(r->rows);
	r->names = names, r->right = right, r->width = width, r->rows = rs, r->ncols = ns;
	r->top = r->first = r->cskip = r->rec_top = 0;
	r->sorted = 0;
	r->pl_rows = -1;
	if (r->row >= rows_count(rs))
		r->row = rows_count(rs) > 0 ? rows_count(rs) - 1 : 0;
	if (r->col >= ns)
		r->col = ns - 1;
	return 0;
}

/* The last filter mark in a query (a filter over a filter holds two), or NULL. */
static const char *last_mark(const char *sql)
{
	const char *m = sql ? strstr(sql, VFILTER_MARK) : NULL, *next;

	while (m && (next = strstr(m + 1, VFILTER_MARK)))
		m = next;
	return m;
}

/* The query without its trailing semicolons and blanks, malloc'd. */
static char *bare_sql(const char *sql)
{
	size_t n = strlen(sql);

	while (n > 0 && strchr(" \t\r\n;", sql[n - 1]))
		n--;
	return strndup(sql, n);
}

/* `filter SPEC TYPED` for the worker, into cmd; false (cmd empty) when it does not fit. */
static bool filter_cmd(const char *spec, const char *typed_in, char *cmd, size_t n)
{
	snprintf(cmd, n, "filter ");
	if (cmd_quote_word(spec, cmd, n) && strlen(cmd) + 2 < n) {
		strcat(cmd, " ");
		if (cmd_quote_word(typed_in, cmd, n))
			return true;
	}
	cmd[0] = '\0';
	return false;
}

/* The filter on column name of result r, from what was typed: kept rows or, when r is not
 * all here, the query asked again under a WHERE (into cmd). */
static void add_filter(struct ui *u, struct model_result *r, const char *name, const char *typed_in,
		       char *cmd, size_t n)
{
	struct xfilter f = { 0 };
	struct explore *ex;
	const char *bad;

	if (r->fetching) {
		snprintf(u->notice, sizeof u->notice, "rows still arriving: filter once they are in (Ctrl-C stops them)");
		return;
	}
	if ((bad = vfilter_parse(typed_in, name, &f.v))) {
		snprintf(u->notice, sizeof u->notice, "filter: %s (text, = > < >= <= <> VALUE, is [not] null, ~ REGEX)", bad);
		return;
	}
	if (r->stopped[0]) {    /* not all here: the server filters (cmd_filter.c quotes it) */
		vfilter_free(&f.v);
		if (!r->sql)
			snprintf(u->notice, sizeof u->notice, "filter: this result stopped early and came from no query");
		else if (!filter_cmd(name, typed_in, cmd, n))
			snprintf(u->notice, sizeof u->notice, "filter: too long to send to the server");
		return;
	}
	if (!(ex = take(r)) || ex->nf == XF_MAX) {
		snprintf(u->notice, sizeof u->notice, "filter: %s", ex ? "16 filters at most" : "out of memory");
		vfilter_free(&f.v);
		return;
	}
	for (f.col = 0; f.col < ex->ncols && strcmp(ex->names[f.col], name); f.col++)
		;
	ex->f[ex->nf++] = f;
	if (rebuild(r) < 0) {
		ex->nf--;
		snprintf(u->notice, sizeof u->notice, "filter: out of memory");
	}
}

static bool columns_key(struct ui *u, struct model_result *r, int c)
{
	struct explore *ex;
	int at = r->col, to = c == '<' ? at - 1 : at + 1;

	if (r->fetching) {
		snprintf(u->notice, sizeof u->notice, "rows still arriving: hide and move columns once they are in");
		return true;
	}
	if (r->ncols == 0 || !(ex = take(r)))
		return true;
	if (c == '-') {
		if (ex->nshow == 1) {
			snprintf(u->notice, sizeof u->notice, "the last column shown stays");
			return true;
		}
		memmove(ex->order + at, ex->order + at + 1, (size_t)(ex->nshow - at - 1) * sizeof *ex->order);
		ex->nshow--;
	} else if (c == '=') {
		ex->nshow = ex->ncols;
		for (int i = 0; i < ex->ncols; i++)
			ex->order[i] = i;
	} else {
		if (to < 0 || to >= ex->nshow)
			return true;
		int t = ex->order[at];
		ex->order[at] = ex->order[to], ex->order[to] = t;
	}
	if (rebuild(r) < 0)
		snprintf(u->notice, sizeof u->notice, "out of memory");
	else if (c == '<' || c == '>')
		r->col = to;
	return true;
}

/* Enter on a profile's "top" or "NULL" row: the profiled result filtered to that value
 * (shown again), or the profiled table's rows with it. */
static bool profile_enter(struct ui *u, struct model_result *r, char *cmd, size_t n)
{
	const char *cells[r->ncols + 1];
	char col[256], tail[64], target[300], typed_in[300];
	int id;

	if (!r->title || strncmp(r->title, "profile ", 8) || r->ncols < 2 || r->record ||
	    rows_get(r->rows, r->row, cells) != 0 || !cells[0])
		return false;
	if (!strcmp(cells[0], "top") && cells[1])
		snprintf(typed_in, sizeof typed_in, "= %s", cells[1]);
	else if (!strcmp(cells[0], "NULL"))
		snprintf(typed_in, sizeof typed_in, "is null");
	else
		return false;
	if (sscanf(r->title, "profile %255s of result %d%63s", col, &id, tail) == 2) {
		if (!model_show_result(&u->m, id)) {
			snprintf(u->notice, sizeof u->notice, "result %d is no longer kept", id);
			return true;
		}
		add_filter(u, model_current(&u->m), col, typed_in, cmd, n);
	} else if (sscanf(r->title, "profile %299s", target) == 1 && strrchr(target, '.') &&
		   !filter_cmd(target, typed_in, cmd, n)) {
		snprintf(u->notice, sizeof u->notice, "this value cannot go to the server here");
	}
	return true;
}

/* u: the last filter dropped; on a result the server filtered, its query before the filter. */
static void unfilter(struct ui *u, struct model_result *r, char *cmd, size_t n)
{
	const char *mark = last_mark(r->sql);

	if (r->ex && r->ex->nf > 0) {
		struct xfilter *f = &r->ex->f[--r->ex->nf];
		snprintf(u->notice, sizeof u->notice, "filter dropped: %.140s", f->v.label);
		vfilter_free(&f->v);
		rebuild(r);
	} else if (mark && !strncmp(r->sql, "SELECT * FROM (\n", 16)) {
		const char *end = strstr(r->sql, "\n) q WHERE ");
		const char *last;
		for (last = end; last && (last = strstr(last + 1, "\n) q WHERE ")) && last < mark;)
			end = last;
		if (end)
			snprintf(cmd, n, "%.*s", (int)(end - r->sql - 16), r->sql + 16);
	} else {
		snprintf(u->notice, sizeof u->notice, "no filter to drop");
	}
}

bool explore_owns(const struct model_result *r, int c)
{
	return r && r->kind == RES_ROWS && c > 0 && c < 0x80 && strchr("|&uF-<>=", c);
}

bool explore_key(struct ui *u, struct model_result *r, int c, char *cmd, size_t n)
{
	const char *name = r->ncols ? r->names[r->col] : "";

	cmd[0] = '\0';
	if (c == '\n' || c == '\r' || c == KEY_ENTER)
		return profile_enter(u, r, cmd, n);
	if (!explore_owns(r, c))
		return false;
	if (c == '|' || c == '&') {
		if (r->ncols == 0)
			return true;
		u->searching = c;
		u->search_in[0] = '\0';
	} else if (c == 'u') {
		unfilter(u, r, cmd, n);
	} else if (c == 'F') {
		if (!name[0] || strpbrk(name, ". \t\"'\\"))
			snprintf(u->notice, sizeof u->notice, "F: this column's name cannot be typed: "
				 "profile it with SQL");
		else
			snprintf(cmd, n, "profile %s", name);
	} else {
		columns_key(u, r, c);
	}
	return true;
}

void explore_prompt_key(struct ui *u, struct model_result *r, int c, char *cmd, size_t n)
{
	size_t len = strlen(u->search_in);

	cmd[0] = '\0';
	if (c == 27) {
		u->searching = 0;
	} else if (c == '\n' || c == '\r' || c == KEY_ENTER) {
		u->searching = 0;
		if (r && r->kind == RES_ROWS && r->ncols > 0 && u->search_in[0])
			add_filter(u, r, r->names[r->col], u->search_in, cmd, n);
	} else if (c == KEY_BACKSPACE || c == 127 || c == 8) {
		while (len > 0 && (u->search_in[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0)
			u->search_in[len - 1] = '\0';
		else
			u->searching = 0;
	} else if (c >= 0x20 && c < 0x100 && c != 0x7F && len + 1 < sizeof u->search_in) {
		u->search_in[len] = (char)c;
		u->search_in[len + 1] = '\0';
	}
}

void explore_footer(const struct model_result *r, char *buf, size_t n)
{
	const struct explore *ex = r->ex;
	const char *mark = last_mark(r->sql);
	char kept[32], all[32];
	size_t o = 0;

	buf[0] = '\0';
	if (mark && !(ex && ex->nf)) {
		const char *label = mark + strlen(VFILTER_MARK), *end = strstr(label, " */");
		o += (size_t)snprintf(buf, n, "  filter (run again on the server): %.*s",
				      (int)(end ? end - label : 0), label);
	}
	if (ex && ex->nf) {
		o += (size_t)snprintf(buf + o, n - o, "  filter: ");
		for (int i = 0; i < ex->nf && o < n; i++)
			o += (size_t)snprintf(buf + o, n - o, "%s%s", i ? " and " : "", ex->f[i].v.label);
		if (o < n)
			o += (size_t)snprintf(buf + o, n - o, " · %s of %s rows", runlog_count(rows_count(r->rows), kept, sizeof kept),
					      runlog_count(rows_count(ex->rows), all, sizeof all));
	}
	if (ex && ex->nshow < ex->ncols && o < n)
		snprintf(buf + o, n - o, "  %d column%s hidden (= shows)", ex->ncols - ex->nshow,
			 ex->ncols - ex->nshow == 1 ? "" : "s");
}

/* The shown result's query and its filters, copied under the lock (the regex not used). */
struct shown_query {
	char *sql, *names[XF_MAX];
	struct vfilter f[XF_MAX];
	int nf, id;
};

static bool shown_query(struct model *m, struct shown_query *q)
{
	struct model_result *r;

	memset(q, 0, sizeof *q);
	model_lock(m);
	r = model_current(m);
	if (r && r->kind == RES_ROWS && r->sql && (q->sql = bare_sql(r->sql))) {
		q->id = r->id;
		for (; r->ex && q->nf < r->ex->nf; q->nf++) {
			q->f[q->nf] = r->ex->f[q->nf].v;
			q->names[q->nf] = strdup(r->ex->names[r->ex->f[q->nf].col]);
		}
	}
	model_unlock(m);
	return q->sql != NULL;
}

/* Worker thread: the filters quoted by libpq on the session's connection. */
char *explore_result_query(struct dwh *s, int *id)
{
	struct shown_query q;
	char *out = NULL, *where = NULL;
	size_t len = 0;
	bool ok;

	if (!shown_query(&ui_of_session(s)->m, &q))
		return NULL;
	ok = true;
	for (int i = 0; i < q.nf && ok; i++) {
		char *c = q.names[i] ? vfilter_sql(s, &q.f[i], q.names[i]) : NULL;
		char *w = c ? realloc(where, len + strlen(c) + 8) : NULL;
		if ((ok = w != NULL)) {
			len += (size_t)sprintf(w + len, "%s%s", i ? " AND " : "", c);
			where = w;
		}
		free(c);
	}
	len += strlen(q.sql) + 64;
	if (ok && (out = malloc(len)))
		snprintf(out, len, where ? "SELECT * FROM (\n%s\n) q WHERE %s" : "%s%s", q.sql, where ? where : "");
	*id = q.id;
	for (int i = 0; i < q.nf; i++)
		free(q.names[i]);
	free(q.sql), free(where);
	return out;
}
