/* chart.c — bars as text. Horizontal bars for text labels (one line per label and series),
 * vertical columns for numeric or time labels, lengths in eighths of a cell, each bar's value
 * at its end, a legend line first. The same layout feeds the console (coloured segments) and
 * batch mode (chart_print). */
#include "view/chart.h"

#include "view/print.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const H8[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█" };
static const char *const V8[] = { " ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

void chart_free(struct chart *ch)
{
	for (int i = 0; ch->labels && i < ch->n; i++)
		free(ch->labels[i]);
	for (int s = 0; s < ch->nser; s++)
		free(ch->names[s]);
	for (int i = 0; ch->text && i < ch->n * ch->nser; i++)
		free(ch->text[i]);
	free(ch->text);
	free(ch->labels);
	free(ch->v);
	memset(ch, 0, sizeof *ch);
}

/* A date or time as PostgreSQL prints one: 2018-11-03, 13:45:00, 2018-11-03 13:45:00. */
static bool looks_like_time(const char *v)
{
	return v && isdigit((unsigned char)v[0]) && isdigit((unsigned char)v[1]) &&
	       ((isdigit((unsigned char)v[2]) && isdigit((unsigned char)v[3]) && v[4] == '-') ||
		v[2] == ':');
}

/* The columns: the first is the label; numeric ones after it are the series. */
static int chart_shape(struct chart *ch, char *const *names, const bool *numeric, int ncols,
		       long nrows, int *sercol, char *why, size_t whyn)
{
	memset(ch, 0, sizeof *ch);
	if (ncols < 2) {
		snprintf(why, whyn, "nothing to chart: a chart needs a label column and a numeric column");
		return -1;
	}
	for (int c = 1; c < ncols && ch->nser < CHART_SERIES; c++)
		if (numeric[c]) {
			sercol[ch->nser] = c;
			ch->names[ch->nser++] = strdup(names[c]);
		}
	if (ch->nser == 0) {
		snprintf(why, whyn, "nothing to chart: no numeric column after the label column %s",
			 names[0]);
		return -1;
	}
	if (nrows == 0 || nrows > CHART_MAX_ROWS) {
		for (int s = 0; s < ch->nser; s++)
			free(ch->names[s]);
		ch->nser = 0;
		if (nrows == 0)
			snprintf(why, whyn, "nothing to chart: the result has no rows");
		else
			snprintf(why, whyn, "too many rows to chart (%ld; at most %d): aggregate with "
				 "GROUP BY or add LIMIT", nrows, CHART_MAX_ROWS);
		return -1;
	}
	ch->n = (int)nrows;
	ch->labels = calloc((size_t)ch->n, sizeof *ch->labels);
	ch->v = calloc((size_t)ch->n * (size_t)ch->nser, sizeof *ch->v);
	ch->text = calloc((size_t)ch->n * (size_t)ch->nser, sizeof *ch->text);
	if (!ch->labels || !ch->v || !ch->text) {
		chart_free(ch);
		snprintf(why, whyn, "out of memory");
		return -1;
	}
	ch->vertical = numeric[0];
	return 0;
}

static void chart_row(struct chart *ch, int i, const char *const *cells, const int *sercol)
{
	ch->labels[i] = strdup(cells[0] ? cells[0] : "NULL");
	for (int s = 0; s < ch->nser; s++) {
		ch->v[i * ch->nser + s] = cells[sercol[s]] ? strtod(cells[sercol[s]], NULL) : 0;
		ch->text[i * ch->nser + s] = cells[sercol[s]] ? strdup(cells[sercol[s]]) : NULL;
	}
}

int chart_from_rows(struct chart *ch, struct rowstore *rows, char *const *names,
		    const bool *numeric, int ncols, char *why, size_t whyn)
{
	int sercol[CHART_SERIES];
	const char *cells[ncols + 1];
	bool times = true;

	if (chart_shape(ch, names, numeric, ncols, rows_count(rows), sercol, why, whyn) < 0)
		return -1;
	for (int i = 0; i < ch->n; i++) {
		if (rows_get(rows, i, cells) < 0) {
			chart_free(ch);
			return snprintf(why, whyn, "cannot read the rows back"), -1;
		}
		chart_row(ch, i, cells, sercol);
		times = times && looks_like_time(cells[0]);
	}
	ch->vertical = ch->vertical || times;
	return 0;
}

static bool numeric_oid(Oid t)
{
	return t == 20 || t == 21 || t == 23 || t == 26 || t == 700 || t == 701 || t == 1700;
}

int chart_from_result(struct chart *ch, const PGresult *res, char *why, size_t whyn)
{
	int nc = PQnfields(res), sercol[CHART_SERIES];
	char *names[nc + 1];
	bool numeric[nc + 1], times = true;
	const char *cells[nc + 1];

	for (int c = 0; c < nc; c++) {
		names[c] = PQfname(res, c);
		numeric[c] = numeric_oid(PQftype(res, c));
	}
	if (chart_shape(ch, names, numeric, nc, PQntuples(res), sercol, why, whyn) < 0)
		return -1;
	for (int i = 0; i < ch->n; i++) {
		for (int c = 0; c < nc; c++)
			cells[c] = PQgetisnull(res, i, c) ? NULL : PQgetvalue(res, i, c);
		chart_row(ch, i, cells, sercol);
		times = times && looks_like_time(cells[0]);
	}
	ch->vertical = ch->vertical || times;
	return 0;
}

/* ---- layout ---- */

static int seg_add(struct chart_line *l, const char *text, int series)
{
	struct chart_seg *last = l->nseg ? &l->seg[l->nseg - 1] : NULL;

	if (last && last->series == series) {
		size_t a = strlen(last->text), b = strlen(text);
		char *t = realloc(last->text, a + b + 1);
		if (!t)
			return -1;
		memcpy(t + a, text, b + 1);
		last->text = t;
		return 0;
	}
	struct chart_seg *ns = realloc(l->seg, (size_t)(l->nseg + 1) * sizeof *ns);
	if (!ns)
		return -1;
	l->seg = ns;
	if (!(l->seg[l->nseg].text = strdup(text)))
		return -1;
	l->seg[l->nseg++].series = series;
	return 0;
}

static void pad_to(struct chart_line *l, const char *s, int w, bool right)
{
	char buf[512];
	int sw = print_width(s);

	if (sw >= w) {
		/* cut by bytes at a character boundary, then the width is at most w */
		int n = 0, used = 0;
		while (s[n] && used < w - (sw > w ? 1 : 0)) {
			int k = 1;
			while ((s[n + k] & 0xC0) == 0x80)
				k++;
			n += k;
			used++;
		}
		snprintf(buf, sizeof buf, "%.*s%s", n, s, sw > w ? "…" : "");
	} else if (right) {
		snprintf(buf, sizeof buf, "%*s%s", w - sw, "", s);
	} else {
		snprintf(buf, sizeof buf, "%s%*s", s, w - sw, "");
	}
	seg_add(l, buf, -1);
}

static void fmt_value(char *buf, size_t n, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.2f", v);
}

/* Value k as psql prints it: the server's text (15.0, 254.1), else the number. */
static void value_text(const struct chart *ch, int k, char *buf, size_t n)
{
	if (ch->text && ch->text[k])
		snprintf(buf, n, "%s", ch->text[k]);
	else
		fmt_value(buf, n, ch->v[k]);
}

static struct chart_line *new_line(struct chart_out *o)
{
	struct chart_line *nl = realloc(o->lines, (size_t)(o->nlines + 1) * sizeof *nl);

	if (!nl)
		return NULL;
	o->lines = nl;
	memset(&o->lines[o->nlines], 0, sizeof *o->lines);
	return &o->lines[o->nlines++];
}

static double max_value(const struct chart *ch)
{
	double mx = 0;

	for (int i = 0; i < ch->n * ch->nser; i++)
		if (ch->v[i] > mx)
			mx = ch->v[i];
	return mx;
}

static void legend(const struct chart *ch, struct chart_out *o, bool utf8)
{
	struct chart_line *l = new_line(o);

	for (int s = 0; l && s < ch->nser; s++) {
		seg_add(l, s ? "   " : "", -1);
		seg_add(l, utf8 ? "█" : "#", s);
		seg_add(l, " ", -1);
		seg_add(l, ch->names[s], CHART_LEGEND);
	}
}

static void horizontal(const struct chart *ch, int w, int h, bool utf8, struct chart_out *o)
{
	int labw = 0, valw = 0;
	double mx = max_value(ch);
	char val[64];

	for (int i = 0; i < ch->n; i++) {
		int lw = print_width(ch->labels[i]);
		labw = lw > labw ? lw : labw;
		for (int s = 0; s < ch->nser; s++) {
			value_text(ch, i * ch->nser + s, val, sizeof val);
			valw = (int)strlen(val) > valw ? (int)strlen(val) : valw;
		}
	}
	if (labw > w / 3)
		labw = w / 3;
	int barw = w - labw - valw - 2;
	if (barw < 1)
		barw = 1;
	for (int i = 0; i < ch->n; i++)
		for (int s = 0; s < ch->nser; s++) {
			if (o->nlines >= h - 1 && h > 0) {
				struct chart_line *l = new_line(o);
				snprintf(val, sizeof val, "… %d more rows (a taller pane shows them)",
					 ch->n - i);
				if (l)
					seg_add(l, val, -1);
				return;
			}
			struct chart_line *l = new_line(o);
			double v = ch->v[i * ch->nser + s];
			long e8 = mx > 0 && v > 0 ? lround(v / mx * barw * 8) : 0;
			if (!l)
				return;
			pad_to(l, s == 0 ? ch->labels[i] : "", labw, false);
			seg_add(l, " ", -1);
			for (long k = 0; k < e8 / 8; k++)
				seg_add(l, utf8 ? H8[8] : "#", s);
			if (e8 % 8)
				seg_add(l, utf8 ? H8[e8 % 8] : (e8 % 8 >= 4 ? "#" : ""), s);
			value_text(ch, i * ch->nser + s, val, sizeof val);
			seg_add(l, " ", -1);
			seg_add(l, val, -1);
		}
}

#define VERTICAL_MIN_LINES 6

/* Every value fits over its bar of bw columns (shortened as vertical() shortens it). */
static bool values_fit(const struct chart *ch, int bw)
{
	char val[64];

	for (int k = 0; k < ch->n * ch->nser; k++) {
		value_text(ch, k, val, sizeof val);
		if ((int)strlen(val) > bw)
			print_count(val, sizeof val, ch->v[k]);
		if ((int)strlen(val) > bw)
			return false;
	}
	return true;
}

static void vertical(const struct chart *ch, int w, int h, bool utf8, struct chart_out *o)
{
	int cw = w / ch->n, bw = (cw - 1) / ch->nser, hb = h - 2;
	double mx = max_value(ch);
	char val[64];

	if (bw > 6)
		bw = 6;
	/* Too short for bars worth reading, or too narrow for a value over its bar: the bars go
	 * sideways, each with its value (a pane scrolls them), rather than lose the values. */
	if (bw < 1 || hb < VERTICAL_MIN_LINES || !values_fit(ch, bw)) {
		horizontal(ch, w, 0, utf8, o);  /* every bar (0: no limit): a pane scrolls them */
		return;
	}
	cw = bw * ch->nser + 1;
	for (int row = hb - 1; row >= 0; row--) {     /* from the top line down */
		struct chart_line *l = new_line(o);
		if (!l)
			return;
		for (int i = 0; i < ch->n; i++) {
			for (int s = 0; s < ch->nser; s++) {
				double v = ch->v[i * ch->nser + s];
				long e8 = mx > 0 && v > 0 ? lround(v / mx * (hb - 1) * 8) : 0;
				long top = (e8 + 7) / 8;        /* first line above the bar */
				if (e8 >= (row + 1) * 8L) {
					for (int k = 0; k < bw; k++)
						seg_add(l, utf8 ? V8[8] : "#", s);
				} else if (e8 > row * 8L) {
					for (int k = 0; k < bw; k++)
						seg_add(l, utf8 ? V8[e8 - row * 8L] : (e8 - row * 8L >= 4 ? "#" : " "), s);
				} else if (row == top) {
					/* the value on the bar's end, shortened to fit (52k) */
					value_text(ch, i * ch->nser + s, val, sizeof val);
					if ((int)strlen(val) > bw)
						print_count(val, sizeof val, v);
					pad_to(l, (int)strlen(val) <= bw ? val : "", bw, true);
				} else {
					pad_to(l, "", bw, false);
				}
			}
			seg_add(l, " ", -1);
		}
	}
	struct chart_line *l = new_line(o);
	for (int i = 0; l && i < ch->n; i++) {
		pad_to(l, ch->labels[i], cw - 1, true);
		seg_add(l, " ", -1);
	}
}

int chart_render(const struct chart *ch, int w, int h, bool utf8, struct chart_out *out)
{
	memset(out, 0, sizeof *out);
	legend(ch, out, utf8);
	if (ch->vertical)
		vertical(ch, w, h - 1, utf8, out);
	else
		horizontal(ch, w, h, utf8, out);
	return 0;
}

void chart_out_free(struct chart_out *out)
{
	for (int i = 0; i < out->nlines; i++) {
		for (int s = 0; s < out->lines[i].nseg; s++)
			free(out->lines[i].seg[s].text);
		free(out->lines[i].seg);
	}
	free(out->lines);
	memset(out, 0, sizeof *out);
}

void chart_print(FILE *f, const struct chart *ch, int w, bool utf8, bool color)
{
	static const char *const ansi[CHART_SERIES] = { "\033[34m", "\033[33m", "\033[32m", "\033[35m" };
	struct chart_out o;

	chart_render(ch, w, 1 + ch->n * ch->nser + 2 + (ch->vertical ? 14 : 0), utf8, &o);
	for (int i = 0; i < o.nlines; i++) {
		size_t end = 0;
		for (int s = 0; s < o.lines[i].nseg; s++) {
			const struct chart_seg *g = &o.lines[i].seg[s];
			bool c = color && g->series >= 0;
			fprintf(f, "%s%s%s", c ? ansi[g->series % CHART_SERIES] : "", g->text, c ? "\033[0m" : "");
			end = strlen(g->text);
			(void)end;
		}
		fputc('\n', f);
	}
	chart_out_free(&o);
}
