/* pset.c — psql's printing under \pset, following psql's fe_utils/print.c rule by rule (where
 * the spaces and dashes go for each border, multi-line values with a '+' at the end of each
 * continued line), because the point is that a psql user's output, scripts and diffs stay the
 * same. Values are measured in display cells (print_width). */
#include "view/pset.h"

#include "base/textesc.h"
#include "view/print.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int pset_border(const struct dwh_pset *p)
{
	return !p->border_set ? 1 : p->border > 2 ? 2 : p->border;  /* psql draws 2 for more */
}

const char *pset_fieldsep(const struct dwh_pset *p)
{
	return p->sep_set ? p->fieldsep : "|";
}

bool pset_is_default(const struct dwh_pset *p)
{
	return p->format == FMT_ALIGNED && pset_border(p) == 1 && !p->tuples_only && !p->no_footer
		&& !p->has_title && !p->null[0];
}

static void repeat(FILE *f, int c, int n)
{
	while (n-- > 0)
		fputc(c, f);
}

/* One row's cells as shown: the null string for NULL, control characters escaped for a
 * terminal. The copies live in the struct until the next fill. */
struct shown_row {
	int nf;
	char **v;
};

static void shown_free(struct shown_row *s)
{
	for (int c = 0; s->v && c < s->nf; c++)
		free(s->v[c]);
	free(s->v);
	s->v = NULL;
}

static int shown_fill(struct shown_row *s, const struct ptable *t, const struct dwh_pset *p,
		      long r, bool esc)
{
	const char *cells[t->nf + 1];

	shown_free(s);
	s->nf = t->nf;
	if (t->row(t->ctx, r, cells) < 0 || !(s->v = calloc((size_t)t->nf + 1, sizeof *s->v)))
		return -1;
	for (int c = 0; c < t->nf; c++) {
		const char *v = cells[c] ? cells[c] : p->null;

		s->v[c] = esc && textesc_needed(v, TEXTESC_KEEP_NL) ? textesc_dup(v, TEXTESC_KEEP_NL)
			: strdup(v);
		if (!s->v[c])
			return -1;
	}
	return 0;
}

/* Display width of the widest line of v, and its number of lines. */
static int lines_width(const char *v, int *nlines)
{
	int w = 0, n = 0;

	do {
		size_t len = strcspn(v, "\n");
		char line[len + 1];
		int lw;

		memcpy(line, v, len);
		line[len] = '\0';
		lw = print_width(line);
		w = lw > w ? lw : w;
		n++;
		v += len;
	} while (*v++ == '\n');
	if (nlines)
		*nlines = n;
	return w;
}

/* Line l of v (0-based) into buf (NULL when v has fewer lines), and its width. */
static const char *line_at(const char *v, int l, char **buf, int *w)
{
	for (; l > 0; l--) {
		v = strchr(v, '\n');
		if (!v)
			return NULL;
		v++;
	}
	size_t len = strcspn(v, "\n");

	free(*buf);
	if (!(*buf = malloc(len + 1)))
		return NULL;
	memcpy(*buf, v, len);
	(*buf)[len] = '\0';
	*w = print_width(*buf);
	return *buf;
}

static bool has_line(const char *v, int l)
{
	for (; v && l > 0; l--)
		if ((v = strchr(v, '\n')))
			v++;
	return v != NULL;
}

/* Widths: w[c] for aligned (names and values), or w[0] names and w[1] values for expanded. */
static int *measure(const struct ptable *t, const struct dwh_pset *p, bool expanded, bool esc,
		    bool names)
{
	int *w = calloc((size_t)t->nf + 2, sizeof *w);
	struct shown_row s = { 0 };

	for (int c = 0; w && c < t->nf && names; c++) {
		int nw = lines_width(t->name(t->ctx, c), NULL);
		int *slot = expanded ? &w[0] : &w[c];

		*slot = nw > *slot ? nw : *slot;
	}
	for (long r = 0; w && r < t->nr; r++) {
		if (shown_fill(&s, t, p, r, esc) < 0)
			break;
		for (int c = 0; c < t->nf; c++) {
			int cw = lines_width(s.v[c], NULL), *slot = expanded ? &w[1] : &w[c];

			*slot = cw > *slot ? cw : *slot;
		}
	}
	shown_free(&s);
	return w;
}

/* _print_horizontal_line: "+-" "-+-" "-+" around dashes as wide as each column. */
static void hrule(FILE *f, const int *w, int nf, int border)
{
	fputs(border == 2 ? "+-" : border == 1 ? "-" : "", f);
	for (int c = 0; c < nf; c++) {
		repeat(f, '-', w[c]);
		if (c < nf - 1)
			fputs(border == 0 ? " " : "-+-", f);
	}
	fputs(border == 2 ? "-+\n" : border == 1 ? "-\n" : "\n", f);
}

static void aligned_head(FILE *f, const struct ptable *t, const struct dwh_pset *p, const int *w)
{
	int border = pset_border(p), total = border == 0 ? t->nf : border == 1 ? 3 * t->nf - 1
		: 3 * t->nf + 1;

	for (int c = 0; c < t->nf; c++)
		total += w[c];
	if (p->has_title && !p->tuples_only) {
		int tw = lines_width(p->title, NULL);

		fprintf(f, "%*s%s\n", tw >= total ? 0 : (total - tw) / 2, "", p->title);
	}
	if (p->tuples_only)
		return;
	if (border == 2)
		hrule(f, w, t->nf, border);
	if (border == 2)
		fputc('|', f);
	for (int c = 0; c < t->nf; c++) {
		const char *name = t->name(t->ctx, c);
		int gap = w[c] - print_width(name);

		if (border != 0)
			fputc(' ', f);
		fprintf(f, "%*s%s%*s ", gap / 2, "", name, (gap + 1) / 2, "");
		if (border != 0 && c < t->nf - 1)
			fputc('|', f);
	}
	fputs(border == 2 ? "|\n" : "\n", f);
	hrule(f, w, t->nf, border);
}

/* One row, a line per line of its tallest value; a value going on ends its line with '+'. */
static void aligned_row(FILE *f, const struct ptable *t, int border, const int *w, char **v)
{
	int height = 1;
	char *buf = NULL;

	for (int c = 0; c < t->nf; c++) {
		int n;

		lines_width(v[c], &n);
		height = n > height ? n : height;
	}
	for (int l = 0; l < height; l++) {
		if (border == 2)
			fputc('|', f);
		for (int c = 0; c < t->nf; c++) {
			bool final = border == 2 || c < t->nf - 1, more = has_line(v[c], l + 1);
			bool right = t->right(t->ctx, c);
			int lw = 0;
			const char *ln = has_line(v[c], l) ? line_at(v[c], l, &buf, &lw) : NULL;

			if (border != 0)
				fputc(' ', f);
			if (!ln) {
				repeat(f, ' ', final ? w[c] : 0);
			} else {
				repeat(f, ' ', right ? w[c] - lw : 0);
				fputs(ln, f);
				repeat(f, ' ', !right && (final || more) ? w[c] - lw : 0);
			}
			if (more)
				fputc('+', f);
			else if (final)
				fputc(' ', f);
			if (border != 0 && c < t->nf - 1)
				fputc('|', f);
		}
		fputs(border == 2 ? "|\n" : "\n", f);
	}
	free(buf);
}

/* The bytes of v's first characters that fill at most w display columns (at least one
 * character, so that a character wider than its column still moves on); *cols their width. */
static size_t fit_bytes(const char *v, size_t len, int w, int *cols)
{
	size_t b = 0;

	*cols = 0;
	while (b < len) {
		size_t n = 1;
		while (b + n < len && ((unsigned char)v[b + n] & 0xC0) == 0x80)
			n++;
		char one[8];
		int cw;
		memcpy(one, v + b, n < 8 ? n : 7);
		one[n < 8 ? n : 7] = '\0';
		cw = print_width(one);
		if (*cols + cw > w && b > 0)
			break;
		*cols += cw;
		b += n;
		if (*cols >= w)
			break;
	}
	return b;
}

enum wrap_mark { MARK_NONE, MARK_WRAP, MARK_NL };

/* One row under format wrapped, as psql prints it: a value wider than its column goes on
 * in the next line, '.' at the end of the cut line and the start of its continuation; a
 * newline in a value as in aligned ('+'). */
static void wrapped_row(FILE *f, const struct ptable *t, int border, const int *w, char **v)
{
	int nf = t->nf, line[nf + 1];
	size_t off[nf + 1];
	enum wrap_mark mark[nf + 1];
	bool more = true;

	for (int c = 0; c < nf; c++)
		line[c] = 0, off[c] = 0, mark[c] = MARK_NONE;
	while (more) {
		more = false;
		if (border == 2)
			fputc('|', f);
		for (int c = 0; c < nf; c++) {
			bool finalspaces = border == 2 || c < nf - 1, right = t->right(t->ctx, c);
			const char *ln = v[c];
			int cols = w[c];

			if (border != 0)
				fputc(mark[c] == MARK_WRAP ? '.' : ' ', f);
			for (int k = 0; ln && k < line[c]; k++)
				ln = (ln = strchr(ln, '\n')) ? ln + 1 : NULL;
			if (!ln) {
				repeat(f, ' ', finalspaces ? w[c] : 0);
			} else {
				size_t len = strcspn(ln, "\n"), b = fit_bytes(ln + off[c], len - off[c], w[c], &cols);

				if (cols > w[c])
					cols = w[c];
				repeat(f, ' ', right ? w[c] - cols : 0);
				fwrite(ln + off[c], 1, b, f);
				off[c] += b;
				if (off[c] < len) {
					more = true;
				} else {
					line[c]++;
					off[c] = 0;
					more |= ln[len] == '\n';
				}
			}
			/* what the next line of this column is: the rest of a cut line, another line */
			bool next = ln && (off[c] > 0 || has_line(v[c], line[c]));
			mark[c] = !next ? MARK_NONE : off[c] > 0 ? MARK_WRAP : line[c] > 0 ? MARK_NL : MARK_NONE;
			if (!right && (finalspaces || mark[c] != MARK_NONE))
				repeat(f, ' ', w[c] - cols);
			if (mark[c] == MARK_WRAP)
				fputc('.', f);
			else if (mark[c] == MARK_NL)
				fputc('+', f);
			else if (finalspaces)
				fputc(' ', f);
			if (border != 0 && c < nf - 1)
				fputc('|', f);
		}
		fputs(border == 2 ? "|\n" : "\n", f);
	}
}

/* The width format wrapped fits: \pset columns, else a terminal's ($COLUMNS, or its size). */
static int wrap_target(FILE *f, const struct dwh_pset *p)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;

	if (p->columns > 0)
		return p->columns;
	if (f != stdout || !isatty(fileno(f)))
		return 0;
	if (env && atoi(env) > 0)
		return atoi(env);
	return ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

/* psql's shrinking for wrapped: while too wide, the column whose widest value is furthest
 * above its average (widest columns a little more so) loses a column, never below its
 * header. */
static void wrap_widths(const struct ptable *t, const struct dwh_pset *p, bool esc, int *w, int target)
{
	int nf = t->nf, border = pset_border(p), head[nf + 1];
	unsigned avg[nf + 1];
	int maxw[nf + 1], total = border == 0 ? nf : border == 1 ? 3 * nf - (nf > 0) : 3 * nf + 1;
	int head_total = total;
	struct shown_row s = { 0 };

	for (int c = 0; c < nf; c++) {
		head[c] = lines_width(t->name(t->ctx, c), NULL);
		avg[c] = 0;
		maxw[c] = w[c];
		total += w[c];
		head_total += head[c];
	}
	for (long r = 0; r < t->nr && shown_fill(&s, t, p, r, esc) == 0; r++)
		for (int c = 0; c < nf; c++)
			avg[c] += (unsigned)lines_width(s.v[c], NULL);
	shown_free(&s);
	for (int c = 0; t->nr > 0 && c < nf; c++)
		avg[c] /= (unsigned)t->nr;
	if (target <= 0 || target < head_total)
		return;
	while (total > target) {
		double worst = 0;
		int pick = -1;

		for (int c = 0; c < nf; c++)
			if (avg[c] && w[c] > head[c]) {
				double ratio = (double)w[c] / avg[c] + maxw[c] * 0.01;
				if (ratio > worst)
					worst = ratio, pick = c;
			}
		if (pick < 0)
			break;
		w[pick]--;
		total--;
	}
}

static void print_aligned_table(FILE *f, const struct ptable *t, const struct dwh_pset *p,
				const struct pset_part *pt, bool esc)
{
	int border = pset_border(p), *w = measure(t, p, false, esc, true);
	struct shown_row s = { 0 };

	bool wrapped = p->format == FMT_WRAPPED;

	if (!w)
		return;
	if (wrapped)
		wrap_widths(t, p, esc, w, wrap_target(f, p));
	if (pt->head)
		aligned_head(f, t, p, w);
	for (long r = 0; r < t->nr && shown_fill(&s, t, p, r, esc) == 0; r++)
		if (wrapped)
			wrapped_row(f, t, border, w, s.v);
		else
			aligned_row(f, t, border, w, s.v);
	if (pt->last) {
		if (border == 2)
			hrule(f, w, t->nf, border);
		if (!p->no_footer && !p->tuples_only)
			fprintf(f, "(%ld row%s)\n", pt->total, pt->total == 1 ? "" : "s");
		fputc('\n', f);
	}
	shown_free(&s);
	free(w);
}

/* print_aligned_vertical_line: "-[ RECORD n ]" (border 0: "* Record n") over the names and
 * values, '+' where the column rule crosses when the label leaves it free. */
static void record_rule(FILE *f, int border, long n, int hw, int dw)
{
	int len = 0;

	fputs(border == 2 ? "+-" : border == 1 ? "-" : "", f);
	if (n > 0)
		len = border == 0 ? fprintf(f, "* Record %ld", n) : fprintf(f, "[ RECORD %ld ]", n);
	if (border != 2)
		len++;
	for (int i = len; i < hw; i++)
		fputc(border > 0 ? '-' : ' ', f);
	len -= hw;
	if (border > 0) {
		if (len-- <= 0)
			fputc('-', f);
		if (len-- <= 0)
			fputc('+', f);
		if (len-- <= 0)
			fputc('-', f);
	} else if (len-- <= 0) {
		fputc(' ', f);
	}
	for (int i = len < 0 ? 0 : len; i < dw; i++)
		fputc(border > 0 ? '-' : ' ', f);
	fputs(border == 2 ? "-+\n" : "\n", f);
}

static void vertical_field(FILE *f, int border, const char *name, const char *v, int hw, int dw)
{
	char *buf = NULL;
	int lw = 0;

	for (int l = 0; has_line(v, l); l++) {
		const char *ln = line_at(v, l, &buf, &lw);
		bool more = has_line(v, l + 1);

		if (!ln)
			break;
		if (border == 2)
			fputs("| ", f);
		fprintf(f, "%-s%*s", l == 0 ? name : "", hw - (l == 0 ? print_width(name) : 0), "");
		fputs(border > 0 ? " | " : " ", f);
		fputs(ln, f);
		if (more)
			fprintf(f, "%*s+%s", dw - lw, "", border == 2 ? "|" : "");
		else if (border == 2)
			fprintf(f, "%*s |", dw - lw, "");
		fputc('\n', f);
	}
	free(buf);
}

/* psql widens the values' column so that the widest "[ RECORD n ]" label fits over the record
 * (a column of multi-line values counts one more, for its '+'). */
static void widen_for_label(const struct ptable *t, const struct dwh_pset *p, int *w, bool esc)
{
	int border = pset_border(p), sw = border == 0 ? 1 : border == 1 ? 3 : 7, rw = 0;
	struct shown_row s = { 0 };
	bool multi = false;

	for (long r = 0; r < t->nr && !multi && shown_fill(&s, t, p, r, esc) == 0; r++)
		for (int c = 0; c < t->nf && !multi; c++)
			multi = strchr(s.v[c], '\n') != NULL;
	shown_free(&s);
	sw += multi && border < 2;
	if (!p->tuples_only) {
		for (long n = t->nr; n > 0; n /= 10)
			rw++;
		rw += border == 0 ? 9 : border == 1 ? 12 : 15;
	}
	if (w[0] + sw + w[1] < rw)
		w[1] = rw - w[0] - sw;
}

static void print_aligned_records(FILE *f, const struct ptable *t, const struct dwh_pset *p,
				  const struct pset_part *pt, bool esc)
{
	int border = pset_border(p), *w = measure(t, p, true, esc, true);
	struct shown_row s = { 0 };

	if (!w)
		return;
	widen_for_label(t, p, w, esc);
	/* an empty result is only "(0 rows)", without its title (psql) */
	if (pt->head && p->has_title && !p->tuples_only && !(pt->last && pt->total == 0))
		fprintf(f, "%s\n", p->title);
	for (long r = 0; r < t->nr && shown_fill(&s, t, p, r, esc) == 0; r++) {
		if (!p->tuples_only)
			record_rule(f, border, pt->first + r, w[0], w[1]);
		else if (r > 0 || !pt->head || border == 2)
			record_rule(f, border, 0, w[0], w[1]);
		for (int c = 0; c < t->nf; c++)
			vertical_field(f, border, t->name(t->ctx, c), s.v[c], w[0], w[1]);
	}
	if (pt->last) {
		if (border == 2 && pt->total > 0)
			record_rule(f, border, 0, w[0], w[1]);
		if (pt->total == 0 && !p->no_footer && !p->tuples_only)
			fputs("(0 rows)\n", f);
		fputc('\n', f);
	}
	shown_free(&s);
	free(w);
}

static void sep_value(FILE *f, const char *v, bool csv)
{
	if (csv)
		print_csv_field(f, v, ',');
	else
		fputs(v, f);
}

/* unaligned and csv: fields joined by the separator; expanded, "name|value" lines. */
static void print_separated(FILE *f, const struct ptable *t, const struct dwh_pset *p, bool expanded,
			    const struct pset_part *pt, bool esc)
{
	bool csv = p->format == FMT_CSV;
	const char *sep = csv ? "," : pset_fieldsep(p);
	struct shown_row s = { 0 };

	bool titled = pt->head && !csv && p->has_title && !p->tuples_only;

	if (titled)
		fprintf(f, "%s\n", p->title);
	for (int c = 0; pt->head && !expanded && !p->tuples_only && c < t->nf; c++) {
		sep_value(f, t->name(t->ctx, c), csv);
		fputs(c < t->nf - 1 ? sep : "\n", f);
	}
	for (long r = 0; r < t->nr && shown_fill(&s, t, p, r, esc) == 0; r++) {
		if (expanded && !csv && (r > 0 || !pt->head || titled))    /* a blank line between */
			fputc('\n', f);
		for (int c = 0; c < t->nf; c++) {
			if (expanded) {
				sep_value(f, t->name(t->ctx, c), csv);
				fputs(sep, f);
			}
			sep_value(f, s.v[c], csv);
			fputs(expanded || c == t->nf - 1 ? "\n" : sep, f);
		}
	}
	if (pt->last && !csv && !p->no_footer && !p->tuples_only && !expanded)
		fprintf(f, "(%ld row%s)\n", pt->total, pt->total == 1 ? "" : "s");
	shown_free(&s);
}

void pset_print(FILE *f, const struct ptable *t, const struct dwh_pset *p, bool expanded,
		const struct pset_part *part, bool esc)
{
	if (p->format == FMT_UNALIGNED || p->format == FMT_CSV)
		print_separated(f, t, p, expanded, part, esc);
	else if (expanded)
		print_aligned_records(f, t, p, part, esc);
	else
		print_aligned_table(f, t, p, part, esc);
}

static const char *res_name(void *ctx, int c)
{
	return PQfname(ctx, c);
}

static bool res_right(void *ctx, int c)
{
	switch (PQftype(ctx, c)) {
	case 20: case 21: case 23: case 26: case 28: case 29: case 700: case 701: case 790:
	case 1700:
		return true;
	default:
		return false;
	}
}

static int res_row(void *ctx, long r, const char **cells)
{
	for (int c = 0; c < PQnfields(ctx); c++)
		cells[c] = PQgetisnull(ctx, (int)r, c) ? NULL : PQgetvalue(ctx, (int)r, c);
	return 0;
}

void pset_print_result(FILE *f, const PGresult *res, const struct dwh_pset *p, bool expanded,
		       const struct pset_part *part)
{
	struct ptable t = {
		.nf = PQnfields(res), .nr = PQntuples(res), .ctx = (void *)res,
		.name = res_name, .right = res_right, .row = res_row,
	};

	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		const char *st = PQcmdStatus((PGresult *)res);

		if (st && *st)
			fprintf(f, "%s\n", st);
		return;
	}
	pset_print(f, &t, p, expanded, part, isatty(fileno(f)));
}
