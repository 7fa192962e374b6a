/* clipboard.c — the browser's pivot and copy keys: P pivots a three-column result as
 * \crosstabview does (src/view/crosstab.c); y copies the cursor cell, Y its row, v marks a
 * range that movement stretches and y copies, as TSV, to the terminal's clipboard through
 * OSC 52 (tmux with set-clipboard on, most terminals, over SSH too) — base64, so no value can
 * drive the terminal — and keeps it for `copy-to FILE`. Drawing thread. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "view/crosstab.h"
#include "tui/ui.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* OSC 52 for text: ESC ] 52 ; c ; BASE64 BEL, malloc'd. */
static char *osc52(const char *text, size_t n)
{
	char *o = malloc(8 + (n + 2) / 3 * 4 + 2), *p = o;

	if (!o)
		return NULL;
	p += sprintf(p, "\033]52;c;");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)text[i] << 16;

		v |= i + 1 < n ? (unsigned char)text[i + 1] << 8 : 0;
		v |= i + 2 < n ? (unsigned char)text[i + 2] : 0;
		*p++ = b64[v >> 18 & 63];
		*p++ = b64[v >> 12 & 63];
		*p++ = i + 1 < n ? b64[v >> 6 & 63] : '=';
		*p++ = i + 2 < n ? b64[v & 63] : '=';
	}
	*p++ = '\a';
	*p = '\0';
	return o;
}

/* A value as a TSV field (COPY's text escapes for tab, newline, CR and backslash; NULL empty). */
static void tsv_add(char **buf, size_t *len, size_t *cap, const char *v)
{
	for (; v && *v; v++) {
		const char *esc = *v == '\t' ? "\\t" : *v == '\n' ? "\\n" : *v == '\r' ? "\\r" :
				  *v == '\\' ? "\\\\" : NULL;
		size_t k = esc ? 2 : 1;

		if (*len + k + 2 > *cap) {
			char *nb = realloc(*buf, *cap = (*cap + k + 2) * 2);

			if (!nb)
				return;
			*buf = nb;
		}
		memcpy(*buf + *len, esc ? esc : v, k);
		*len += k;
	}
}

static void add_char(char **buf, size_t *len, size_t *cap, char c)
{
	char s[2] = { c, '\0' };

	if (*len + 2 > *cap) {
		char *nb = realloc(*buf, *cap = *cap * 2 + 16);

		if (!nb)
			return;
		*buf = nb;
	}
	if (c == '\t' || c == '\n') {
		(*buf)[(*len)++] = c;
		(*buf)[*len] = '\0';
	} else {
		tsv_add(buf, len, cap, s);
	}
}

/* Rows r0..r1 and columns c0..c1 of r as TSV (a line each, the last without a newline). */
static char *range_tsv(struct model_result *r, long r0, long r1, int c0, int c1)
{
	size_t len = 0, cap = 256;
	char *buf = malloc(cap);
	const char *cells[r->ncols + 1];

	if (!buf)
		return NULL;
	for (long i = r0; i <= r1; i++) {
		if (rows_get(r->rows, i, cells) != 0)
			break;
		for (int c = c0; c <= c1; c++) {
			tsv_add(&buf, &len, &cap, cells[c]);
			if (c < c1)
				add_char(&buf, &len, &cap, '\t');
		}
		if (i < r1)
			add_char(&buf, &len, &cap, '\n');
	}
	buf[len] = '\0';
	return buf;
}

/* The copied text to the terminal and kept for copy-to; the footer says what went where. */
static void put(struct ui *u, char *text, long cells)
{
	char *seq = osc52(text, strlen(text));

	if (seq) {
		ssize_t n = write(STDOUT_FILENO, seq, strlen(seq));

		(void)n;
		free(seq);
	}
	free(u->clip.text);
	u->clip.text = text;
	u->clip.cells = cells;
	snprintf(u->notice, sizeof u->notice, "copied %ld cell%s to the clipboard (OSC 52; "
		 "copy-to FILE writes them)", cells, cells == 1 ? "" : "s");
}

static void copy_key(struct ui *u, struct model_result *r, int c)
{
	long r0 = r->row, r1 = r->row;
	int c0 = r->col, c1 = r->col;
	char *t;

	if (rows_count(r->rows) == 0 || r->ncols == 0)
		return;
	if (c == 'Y') {
		c0 = 0, c1 = r->ncols - 1;
	} else if (u->clip.marking) {
		r0 = u->clip.mrow < r->row ? u->clip.mrow : r->row;
		r1 = u->clip.mrow < r->row ? r->row : u->clip.mrow;
		c0 = u->clip.mcol < r->col ? u->clip.mcol : r->col;
		c1 = u->clip.mcol < r->col ? r->col : u->clip.mcol;
	}
	u->clip.marking = false;
	if ((t = range_tsv(r, r0, r1, c0, c1)))
		put(u, t, (r1 - r0 + 1) * (c1 - c0 + 1));
}

/* The current result, all in memory, as a PGresult (numbers keep a numeric type, so the
 * pivot's cells align as they did); NULL when out of memory. */
static PGresult *as_pgresult(struct model_result *r)
{
	PGresult *res = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	PGresAttDesc att[r->ncols];
	const char *cells[r->ncols + 1];
	bool ok = res != NULL;

	memset(att, 0, sizeof att);
	for (int c = 0; c < r->ncols; c++) {
		att[c].name = r->names[c];
		att[c].typid = r->right[c] ? 1700 : 25;         /* numeric or text */
		att[c].typlen = -1, att[c].atttypmod = -1;
	}
	ok = ok && PQsetResultAttrs(res, r->ncols, att);
	for (long i = 0; ok && i < rows_count(r->rows); i++) {
		ok = rows_get(r->rows, i, cells) == 0;
		for (int c = 0; ok && c < r->ncols; c++)
			ok = PQsetvalue(res, (int)i, c, (char *)cells[c], cells[c] ? (int)strlen(cells[c]) : -1);
	}
	if (!ok)
		PQclear(res), res = NULL;
	return res;
}

/* P: the pivot made now, shown after the lock is let go (clipboard_after). */
static void pivot_key(struct ui *u, struct model_result *r)
{
	static const char *const none[4] = { NULL, NULL, NULL, NULL };
	struct dwh_err e = { .msg = "" };
	PGresult *res;

	if (r->ncols != 3) {
		snprintf(u->notice, sizeof u->notice, "P pivots three columns (row, column, value); "
			 "this has %d: \\crosstabview names them", r->ncols);
		return;
	}
	if (r->fetching || !rows_in_memory(r->rows)) {
		snprintf(u->notice, sizeof u->notice, "P: too many rows to pivot here: \\crosstabview");
		return;
	}
	if (!(res = as_pgresult(r)))
		return;
	u->clip.pivot = crosstab_make(res, none, u->m.pset.null[0] ? u->m.pset.null : NULL, &e);
	PQclear(res);
	if (!u->clip.pivot)
		snprintf(u->notice, sizeof u->notice, "%.150s", e.msg);
}

bool clipboard_key(struct ui *u, struct model_result *r, int c)
{
	switch (c) {
	case 'P': pivot_key(u, r); return true;
	case 'y': case 'Y': copy_key(u, r, c); return true;
	case 'v':
		u->clip.marking = !u->clip.marking;
		u->clip.mrow = r->row, u->clip.mcol = r->col;
		snprintf(u->notice, sizeof u->notice, u->clip.marking ? "marking from row %ld %s: "
			 "move, then y copies the range" : "mark dropped", r->row + 1, r->names[r->col]);
		return true;
	}
	return false;
}

void clipboard_after(struct ui *u)
{
	if (u->clip.pivot) {
		model_out_result(&u->m, u->clip.pivot, "crosstab", -1);
		PQclear(u->clip.pivot);
		u->clip.pivot = NULL;
	}
}

/* `copy-to FILE` in the console: what y, Y or v..y copied last. */
static enum dwh_rc hook_copy_to(struct dwh *s, const char *path)
{
	struct ui *u = ui_of_session(s);
	struct model *m = &u->m;
	char *t;
	long cells;
	FILE *f;

	model_lock(m);
	t = u->clip.text ? strdup(u->clip.text) : NULL;
	cells = u->clip.cells;
	model_unlock(m);
	if (!t)
		return dwh_fail(s, "copy-to: nothing copied yet (y, Y, or v then y in the result)");
	if (!(f = fopen(path, "w")) || fprintf(f, "%s\n", t) < 0 || fclose(f) != 0) {
		free(t);
		return dwh_fail(s, "copy-to: %s: %s", path, strerror(errno));
	}
	free(t);
	dwh_msg(s, LOG_INFO, "copied %ld cell%s to %s", cells, cells == 1 ? "" : "s", path);
	return DWH_OK;
}

void clipboard_install(struct ui *u)
{
	u->s->hooks.copy_to = hook_copy_to;
}
