/* results.c — the console's history of answers: every statement's rows, command tag or error
 * and every command's result become a `struct model_result`, the last MODEL_KEEP of them kept
 * (`results`, `result N`, [ and ]). Rows stream in from the engine (`rows` callback, worker
 * thread) into a rowstore, so a big result spills to a temporary file instead of memory. */
#include "tui/model.h"
#include "tui/explore.h"
#include "base/sqlscan.h"
#include "base/textesc.h"
#include "view/print.h"
#include "view/pset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void model_result_free(struct model_result *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->ncols; i++)
		free(r->names[i]);
	for (int i = 0; i < r->nlines; i++)
		free(r->lines[i]);
	free(r->names);
	free(r->right);
	free(r->width);
	free(r->lines);
	for (int i = 0; r->cls && i < r->nlines; i++)
		free(r->cls[i]);
	free(r->cls);
	for (int i = 0; i < r->npl; i++)
		free(r->plines[i]);
	free(r->plines);
	free(r->title);
	free(r->sql);
	rows_free(r->rows);
	explore_free(r->ex);
	catalog_free(r->cat);
	free(r);
}

struct model_result *model_current(struct model *m)
{
	return m->cur >= 0 && m->cur < m->nhist ? m->hist[m->cur] : NULL;
}

bool model_show_result(struct model *m, int id)
{
	for (int i = 0; i < m->nhist; i++)
		if (m->hist[i]->id == id) {
			m->cur = i;
			model_changed(m);
			return true;
		}
	return false;
}

bool model_step_result(struct model *m, int delta)
{
	int to = m->cur + delta;

	if (m->nhist == 0 || to < 0 || to >= m->nhist)
		return false;
	m->cur = to;
	model_changed(m);
	return true;
}

void model_add_result(struct model *m, struct model_result *r)
{
	if (m->nhist == MODEL_KEEP) {
		if (m->hist[0] == m->streaming)
			m->streaming = NULL;
		model_result_free(m->hist[0]);
		memmove(m->hist, m->hist + 1, (MODEL_KEEP - 1) * sizeof *m->hist);
		m->nhist--;
	}
	r->id = ++m->next_id;
	/* \x on and \pset show psql's text; the one-record card is the `x` view of it */
	r->psql = m->expanded == 1 || !pset_is_default(&m->pset);
	r->psql_expanded = m->expanded == 1;
	r->pset = m->pset;
	r->pl_rows = -1;
	m->hist[m->nhist++] = r;
	m->cur = m->nhist - 1;
	model_changed(m);
}

void model_cell_show(const char *raw, char *buf, size_t n, bool utf8)
{
	/* data never drives the terminal: every other control, C1 and broken UTF-8 as \xHH */
	char *esc = textesc_needed(raw, TEXTESC_KEEP_NL | TEXTESC_KEEP_TAB)
		  ? textesc_dup(raw, TEXTESC_KEEP_NL | TEXTESC_KEEP_TAB) : NULL;
	const char *v = esc ? esc : raw;
	size_t o = 0;

	for (; *v && o + 8 < n; v++) {
		unsigned char c = (unsigned char)*v;
		if (c == '\n')
			o += (size_t)snprintf(buf + o, n - o, "%s", utf8 ? "↵" : "\\n");
		else if (c == '\t')
			o += (size_t)snprintf(buf + o, n - o, "%s", utf8 ? "⇥" : "\\t");
		else
			buf[o++] = (char)c;
	}
	buf[o] = '\0';
	free(esc);
}

/* Display width of a cell as drawn, capped: plain ASCII is its length. */
static int cell_width(const char *v, int len)
{
	char buf[4 * MODEL_COLW_MAX + 64];

	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];
		if (c < 0x20 || c >= 0x7F) {
			char cut[4 * MODEL_COLW_MAX + 8];
			snprintf(cut, sizeof cut, "%.*s", len, v);
			model_cell_show(cut, buf, sizeof buf, true);
			return model_width(buf);
		}
	}
	return len;
}

static bool is_numeric_type(Oid t)
{
	/* int8, int2, int4, oid, float4, float8, numeric, money */
	return t == 20 || t == 21 || t == 23 || t == 26 || t == 700 || t == 701 || t == 1700 ||
	       t == 790;
}

/* A rows result with the columns of res and no rows yet. NULL when out of memory. */
static struct model_result *rows_result(const PGresult *res, const char *title, const char *sql)
{
	struct model_result *r = calloc(1, sizeof *r);
	int nc = PQnfields(res);

	if (!r)
		return NULL;
	r->kind = RES_ROWS;
	r->ms = -1;
	r->title = title ? strdup(title) : NULL;
	r->sql = sql ? strdup(sql) : NULL;
	r->names = calloc((size_t)nc + 1, sizeof *r->names);
	r->right = calloc((size_t)nc + 1, sizeof *r->right);
	r->width = calloc((size_t)nc + 1, sizeof *r->width);
	r->rows = rows_new(nc, MODEL_ROWS_MEM);
	if (!r->names || !r->right || !r->width || !r->rows) {
		model_result_free(r);
		return NULL;
	}
	r->ncols = nc;
	for (int c = 0; c < nc; c++) {
		r->names[c] = strdup(PQfname(res, c));
		r->right[c] = is_numeric_type(PQftype(res, c));
		r->width[c] = model_width(r->names[c] ? r->names[c] : "");
		if (r->width[c] > MODEL_COLW_MAX)
			r->width[c] = MODEL_COLW_MAX;
	}
	return r;
}

/* Rows of res into r (lock held). */
static int add_rows(struct model_result *r, const PGresult *res)
{
	int nc = r->ncols, nr = PQntuples(res);
	const char *vals[nc + 1];
	int lens[nc + 1];

	for (int i = 0; i < nr; i++) {
		for (int c = 0; c < nc; c++) {
			bool null = PQgetisnull(res, i, c);
			vals[c] = null ? NULL : PQgetvalue(res, i, c);
			lens[c] = null ? 0 : PQgetlength(res, i, c);
			if (r->width[c] < MODEL_COLW_MAX) {
				int w = null ? 4 : cell_width(vals[c], lens[c]);
				if (w > r->width[c])
					r->width[c] = w < MODEL_COLW_MAX ? w : MODEL_COLW_MAX;
			}
		}
		if (rows_append(r->rows, vals, lens) < 0)
			return -1;
	}
	return 0;
}

/* A text result from lines (taken over). */
struct model_result *model_text_result(enum res_kind kind, const char *title, const char *sql,
				       char **lines, int n)
{
	struct model_result *r = calloc(1, sizeof *r);

	if (!r)
		return NULL;
	r->kind = kind;
	r->ms = -1;
	r->title = title ? strdup(title) : NULL;
	r->sql = sql ? strdup(sql) : NULL;
	r->lines = lines;
	r->nlines = n;
	return r;
}

/* Split text into lines for a text result. */
static char **split_lines(const char *text, int *n)
{
	int cap = 8;
	char **l = malloc((size_t)cap * sizeof *l);

	*n = 0;
	while (l) {
		size_t len = strcspn(text, "\n");
		if (*n == cap) {
			char **nl = realloc(l, (size_t)(cap *= 2) * sizeof *nl);
			if (!nl)
				break;
			l = nl;
		}
		l[(*n)++] = strndup(text, len);
		text += len;
		if (!*text || !*++text)
			break;
	}
	return l;
}

/* \timing on: psql's "Time: 1.234 ms" in the log after each statement. */
static void log_timing(struct model *m, double ms)
{
	char t[96];

	if (ms < 0)
		return;
	print_timing(t, sizeof t, ms);
	model_log(m, LOG_INFO, "%s", t);
}

/* Each line's highlighting classes, cut from those of the whole text, so a block comment or
 * a string over several lines stays one (NULL when out of memory: the text shows plain). */
static char **sql_classes(const char *text, int n)
{
	size_t len = strlen(text), off = 0;
	char *all = malloc(len + 1), **cls = calloc((size_t)n, sizeof *cls);

	if (all && cls) {
		sqlscan_classes(text, len, all);
		for (int i = 0; i < n; i++) {
			size_t l = strcspn(text + off, "\n");

			if (!(cls[i] = malloc(l + 1)))
				break;
			memcpy(cls[i], all + off, l);
			off += l + (text[off + l] == '\n');
		}
	}
	free(all);
	return cls;
}

void model_out_text(struct model *m, const char *title, const char *text)
{
	int n;
	char **lines = split_lines(text, &n);
	struct model_result *r = lines ? model_text_result(RES_TEXT, title, NULL, lines, n) : NULL;

	if (!r) {
		model_log(m, LOG_ERROR, "out of memory keeping %s", title);
		return;
	}
	r->cls = sql_classes(text, n);  /* what comes here is SQL (dwh_text: a stage's, a query's) */
	model_lock(m);
	model_add_result(m, r);
	m->cap_result = true;
	model_unlock(m);
}

void model_out_result(struct model *m, const PGresult *res, const char *title, double ms)
{
	struct model_result *r;

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		model_out_answer(m, res, NULL, ms);
		return;
	}
	/* Copy outside the lock: a big result must not stall the drawing thread. */
	if (!(r = rows_result(res, title, NULL)) || add_rows(r, res) < 0) {
		model_result_free(r);
		model_log(m, LOG_ERROR, "out of memory copying the result");
		return;
	}
	r->ms = ms;
	r->timed = ms >= 0;
	model_lock(m);
	model_add_result(m, r);
	m->cap_result = true;
	model_unlock(m);
	log_timing(m, ms);
}

/* A statement's time when `timing` is off: since the command began or the statement before
 * it ended (statements of one input run one after another). Lock held. */
static double stmt_ms(struct model *m)
{
	double now = dwh_now(), from = m->busy_since > m->answered ? m->busy_since : m->answered;

	m->answered = now;
	return from > 0 ? (now - from) * 1000 : -1;
}

void model_error_result(struct model *m, const char *title, const char *msg, const char *sqlstate)
{
	size_t len = strlen(msg) + 64;
	char *text = malloc(len);
	struct model_result *r;
	char **lines;
	int n;

	if (!text)
		return;
	snprintf(text, len, "%s%s%s", msg, sqlstate[0] ? "\nSQLSTATE: " : "", sqlstate);
	lines = split_lines(text, &n);
	free(text);
	if (!(r = model_text_result(RES_ERROR, title, NULL, lines, n)))
		return;
	model_lock(m);
	model_add_result(m, r);
	m->cap_result = true;
	model_unlock(m);
}

void model_out_answer(struct model *m, const PGresult *res, const char *sql, double ms)
{
	ExecStatusType st = PQresultStatus(res);
	struct model_result *r;
	char **lines;
	int n;

	if (st == PGRES_COMMAND_OK || st == PGRES_EMPTY_QUERY) {
		const char *tag = PQcmdStatus((PGresult *)res);
		lines = split_lines(tag && *tag ? tag : "(no answer)", &n);
		r = model_text_result(RES_TAG, NULL, sql, lines, n);
	} else {
		/* As psql prints it (LINE n and the caret come from libpq), then SQLSTATE. */
		const char *msg = PQresultErrorMessage(res), *state = PQresultErrorField(res,
											PG_DIAG_SQLSTATE);
		size_t len = strlen(msg ? msg : "") + 64;
		char *text = malloc(len);
		if (!text)
			return;
		snprintf(text, len, "%s%sSQLSTATE: %s", msg ? msg : "", msg && *msg &&
			 msg[strlen(msg) - 1] != '\n' ? "\n" : "", state ? state : "none");
		lines = split_lines(text, &n);
		free(text);
		r = model_text_result(RES_ERROR, NULL, sql, lines, n);
	}
	if (!r)
		return;
	model_lock(m);
	r->ms = ms >= 0 ? ms : stmt_ms(m);
	r->timed = ms >= 0;
	model_add_result(m, r);
	m->cap_result = true;
	model_unlock(m);
	log_timing(m, ms);
}

void model_out_rows(struct model *m, enum dwh_rows_phase ph, const struct dwh_rows *rw)
{
	struct model_result *r;

	if (ph == ROWS_BEGIN) {
		if (!(r = rows_result(rw->res, NULL, rw->sql)))
			return;
		r->fetching = true;
		model_lock(m);
		model_add_result(m, r);
		m->streaming = r;
		m->cap_result = true;
		model_unlock(m);
		return;
	}
	model_lock(m);
	if ((r = m->streaming)) {
		if (ph == ROWS_MORE) {
			if (add_rows(r, rw->res) < 0)
				snprintf(r->stopped, sizeof r->stopped, "no room to keep more");
		} else {
			r->fetching = false;
			/* the footer always tells the time; `timing` only adds the log line */
			r->ms = rw->ms >= 0 ? rw->ms : stmt_ms(m);
			r->timed = rw->ms >= 0;
			if (rw->stopped)
				snprintf(r->stopped, sizeof r->stopped, "%s", rw->stopped);
			m->streaming = NULL;
		}
	}
	/* G pressed while rows arrive means the end: the cursor follows the last row */
	if (r && r->follow && rows_count(r->rows) > 0)
		r->row = rows_count(r->rows) - 1;
	if (r && ph == ROWS_END)
		r->follow = false;
	/* Wake the UI for the first rows at once, then at most 20 times a second. */
	double now = dwh_now();
	if (ph != ROWS_MORE || now - m->last_wake > 0.05 || (r && rows_count(r->rows) <= 256)) {
		m->last_wake = now;
		model_changed(m);
	}
	model_unlock(m);
	if (ph == ROWS_END)
		log_timing(m, rw->ms);
}
