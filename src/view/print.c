/* print.c — psql's aligned and CSV output for a PGresult, measuring columns in display cells
 * (UTF-8 decoded here; wide characters take two cells) so non-ASCII names line up. Written to
 * a terminal, control characters from the data are shown escaped (textesc.h); files and
 * pipes get the exact bytes. */
#include "view/print.h"

#include "base/textesc.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

/* Decode one UTF-8 sequence; returns its length (1 for an invalid byte, *cp = 0xFFFD). */
static int utf8_next(const unsigned char *s, unsigned *cp)
{
	int len = s[0] < 0x80 ? 1 : (s[0] >> 5) == 6 ? 2 : (s[0] >> 4) == 14 ? 3 : (s[0] >> 3) == 30 ? 4 : 0;
	unsigned c = len == 1 ? s[0] : len == 2 ? s[0] & 0x1f : len == 3 ? s[0] & 0x0f : s[0] & 0x07;

	if (len == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

/* East Asian wide and emoji ranges, for when the C library's locale cannot tell (C locale). */
static int fallback_width(unsigned cp)
{
	static const unsigned wide[][2] = {
		{ 0x1100, 0x115F }, { 0x2E80, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
		{ 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
		{ 0x1F900, 0x1F9FF }, { 0x20000, 0x3FFFD },
	};

	if ((cp >= 0x0300 && cp <= 0x036F) || cp == 0x200B)
		return 0;
	for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

int print_width(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	int w = 0;

	while (*s) {
		unsigned cp;
		int cw;

		s += utf8_next(s, &cp);
		cw = cp < 0x80 ? (cp >= 0x20 && cp != 0x7f) : wcwidth((wchar_t)cp);
		w += cw < 0 ? fallback_width(cp) : cw;
	}
	return w;
}

static bool is_numeric(Oid type)
{
	switch (type) {
	case 20: case 21: case 23: case 26: case 700: case 701: case 1700: case 790:
		return true;
	default:
		return false;
	}
}

static void pad(FILE *f, int n)
{
	while (n-- > 0)
		fputc(' ', f);
}

static const char *cell(const PGresult *res, int r, int c)
{
	return PQgetisnull(res, r, c) ? "" : PQgetvalue(res, r, c);
}

/* What a terminal is shown of v: v itself, or an escaped copy kept in *tmp (freed by the
 * next call with the same tmp, and by the caller at the end). */
static const char *shown(const char *v, bool esc, char **tmp)
{
	free(*tmp);
	*tmp = NULL;
	if (!esc || !textesc_needed(v, TEXTESC_KEEP_NL))
		return v;
	*tmp = textesc_dup(v, TEXTESC_KEEP_NL);
	return *tmp ? *tmp : "";
}

static bool to_terminal(FILE *f)
{
	return isatty(fileno(f));
}

static int *column_widths(const PGresult *res, int nf, int nr, bool esc)
{
	int *w = calloc((size_t)nf + 1, sizeof *w);
	char *tmp = NULL;

	for (int c = 0; w && c < nf; c++) {
		w[c] = print_width(shown(PQfname(res, c), esc, &tmp));
		for (int r = 0; r < nr; r++) {
			int cw = print_width(shown(cell(res, r, c), esc, &tmp));

			if (cw > w[c])
				w[c] = cw;
		}
	}
	free(tmp);
	return w;
}

static void print_header(FILE *f, const PGresult *res, const int *w, int nf, bool esc)
{
	char *tmp = NULL;

	for (int c = 0; c < nf; c++) {
		const char *name = shown(PQfname(res, c), esc, &tmp);
		int left = (w[c] - print_width(name)) / 2;

		fputs(c ? "| " : " ", f);
		pad(f, left);
		fputs(name, f);
		pad(f, w[c] - print_width(name) - left + 1);
	}
	fputc('\n', f);
	for (int c = 0; c < nf; c++) {
		if (c)
			fputc('+', f);
		for (int i = 0; i < w[c] + 2; i++)
			fputc('-', f);
	}
	fputc('\n', f);
}

static void print_row(FILE *f, const PGresult *res, const int *w, int nf, int r, bool esc)
{
	char *tmp = NULL;

	for (int c = 0; c < nf; c++) {
		const char *v = shown(cell(res, r, c), esc, &tmp);
		int gap = w[c] - print_width(v);

		fputs(c ? "| " : " ", f);
		if (is_numeric(PQftype(res, c))) {
			pad(f, gap);
			fputs(v, f);
			if (c < nf - 1)
				fputc(' ', f);
		} else {
			fputs(v, f);
			if (c < nf - 1)
				pad(f, gap + 1);
		}
	}
	fputc('\n', f);
	free(tmp);
}

void print_aligned_part(FILE *f, const PGresult *res, bool head, bool foot, long total)
{
	int nf = PQnfields(res), nr = PQntuples(res);
	bool esc = to_terminal(f);
	int *w = column_widths(res, nf, nr, esc);

	if (!w)
		return;
	if (head)
		print_header(f, res, w, nf, esc);
	for (int r = 0; r < nr; r++)
		print_row(f, res, w, nf, r, esc);
	if (foot)
		fprintf(f, "(%ld row%s)\n\n", total, total == 1 ? "" : "s");
	free(w);
}

void print_aligned(FILE *f, const PGresult *res)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		const char *st = PQcmdStatus((PGresult *)res);

		if (st && *st)
			fprintf(f, "%s\n", st);
		return;
	}
	print_aligned_part(f, res, true, true, PQntuples(res));
}

/* What a statement without rows prints: its command tag, as psql. */
static bool print_status(FILE *f, const PGresult *res)
{
	const char *st;

	if (PQresultStatus(res) == PGRES_TUPLES_OK)
		return false;
	st = PQcmdStatus((PGresult *)res);
	if (st && *st)
		fprintf(f, "%s\n", st);
	return true;
}

int print_table_width(const PGresult *res)
{
	int nf = PQnfields(res), total = nf > 0 ? 3 * nf - 1 : 0;
	int *w = column_widths(res, nf, PQntuples(res), false);

	for (int c = 0; w && c < nf; c++)
		total += w[c];
	free(w);
	return total;
}

void print_table(FILE *f, const PGresult *res, const char *title, bool footer)
{
	int nf = PQnfields(res), nr = PQntuples(res);
	bool esc = to_terminal(f);
	int *w;

	if (print_status(f, res) || !(w = column_widths(res, nf, nr, esc)))
		return;
	if (title) {    /* centred over the table, as psql's */
		int tw = print_width(title), total = print_table_width(res);

		fprintf(f, "%*s%s\n", tw < total ? (total - tw) / 2 : 0, "", title);
	}
	print_header(f, res, w, nf, esc);
	for (int r = 0; r < nr; r++)
		print_row(f, res, w, nf, r, esc);
	if (footer)
		fprintf(f, "(%d row%s)\n", nr, nr == 1 ? "" : "s");
	free(w);
}

/* "-[ RECORD n ]" then dashes to the record's width, with a '+' over the column separator
 * when the label leaves it free. */
static void record_line(FILE *f, long n, int hw, int dw)
{
	int len = fprintf(f, "-[ RECORD %ld ]", n);

	for (int i = len; i < hw + 3 + dw; i++)
		fputc(i == hw + 1 ? '+' : '-', f);
	fputc('\n', f);
}

void print_expanded_part(FILE *f, const PGresult *res, long first)
{
	int nf = PQnfields(res), nr = PQntuples(res), hw = 0, dw = 0;
	bool esc = to_terminal(f);
	char *tmp = NULL;

	for (int c = 0; c < nf; c++) {
		int cw = print_width(shown(PQfname(res, c), esc, &tmp));

		hw = cw > hw ? cw : hw;
		for (int r = 0; r < nr; r++)
			if ((cw = print_width(shown(cell(res, r, c), esc, &tmp))) > dw)
				dw = cw;
	}
	for (int r = 0; r < nr; r++) {
		record_line(f, first + r, hw, dw);
		for (int c = 0; c < nf; c++) {
			const char *name = shown(PQfname(res, c), esc, &tmp);
			int nw = print_width(name);

			fputs(name, f);
			pad(f, hw - nw);
			fprintf(f, " | %s\n", shown(cell(res, r, c), esc, &tmp));
		}
	}
	free(tmp);
}

void print_expanded(FILE *f, const PGresult *res, const char *title, bool footer)
{
	if (print_status(f, res))
		return;
	if (title)
		fprintf(f, "%s\n", title);
	print_expanded_part(f, res, 1);
	if (PQntuples(res) == 0 && footer)
		fputs("(0 rows)\n", f);        /* psql's expanded mode counts only an empty result */
}

bool print_wants_expanded(const PGresult *res, int expanded, int cols)
{
	if (expanded == 1)
		return true;
	return expanded == 2 && cols > 0 && PQnfields(res) > 1 && print_table_width(res) > cols;
}

void print_csv_field(FILE *f, const char *v, char sep)
{
	if (!strchr(v, sep) && !strpbrk(v, "\r\n\"") && strcmp(v, "\\.")) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

void print_csv_part(FILE *f, const PGresult *res, bool head)
{
	int nf = PQnfields(res), nr = PQntuples(res);
	bool esc = to_terminal(f);
	char *tmp = NULL;

	for (int c = 0; head && c < nf; c++) {
		if (c)
			fputc(',', f);
		print_csv_field(f, shown(PQfname(res, c), esc, &tmp), ',');
	}
	if (head)
		fputc('\n', f);
	for (int r = 0; r < nr; r++) {
		for (int c = 0; c < nf; c++) {
			if (c)
				fputc(',', f);
			print_csv_field(f, shown(cell(res, r, c), esc, &tmp), ',');
		}
		fputc('\n', f);
	}
	free(tmp);
}

void print_csv(FILE *f, const PGresult *res)
{
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		return;
	print_csv_part(f, res, true);
}

void print_count(char *buf, size_t n, double v)
{
	if (v >= 1e6)
		snprintf(buf, n, "%.1fM", v / 1e6);
	else if (v >= 1e4)
		snprintf(buf, n, "%.0fk", v / 1e3);
	else
		snprintf(buf, n, "%.0f", v);
}

void print_timing(char *buf, size_t n, double ms)
{
	double secs = ms / 1000.0, mins, hours, days;

	if (ms < 1000.0) {
		snprintf(buf, n, "Time: %.3f ms", ms);
		return;
	}
	mins = floor(secs / 60.0);
	secs -= 60.0 * mins;
	if (mins < 60.0) {
		snprintf(buf, n, "Time: %.3f ms (%02d:%06.3f)", ms, (int)mins, secs);
		return;
	}
	hours = floor(mins / 60.0);
	mins -= 60.0 * hours;
	if (hours < 24.0) {
		snprintf(buf, n, "Time: %.3f ms (%02d:%02d:%06.3f)", ms, (int)hours, (int)mins, secs);
		return;
	}
	days = floor(hours / 24.0);
	hours -= 24.0 * days;
	snprintf(buf, n, "Time: %.3f ms (%.0f d %02d:%02d:%06.3f)", ms, days, (int)hours, (int)mins,
		 secs);
}
