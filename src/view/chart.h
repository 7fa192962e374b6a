/* chart.h — a result as a bar chart in text: a label column and up to CHART_SERIES numeric
 * columns, bars in eighth blocks (▏▎▍▌▋▊▉█) with the value at each bar's end, a legend, and
 * vertical columns when the labels are numbers or times (hours, days) in order. No curses:
 * the console colours the segments, batch mode and --plain print them. */
#ifndef DWH_CHART_H
#define DWH_CHART_H

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>

#include "view/rows.h"

#define CHART_SERIES 4
#define CHART_MAX_ROWS 200
#define CHART_LEGEND (-2)       /* a segment of the legend's names */

struct chart {
	int n, nser;
	char **labels;          /* n */
	char *names[CHART_SERIES];
	double *v;              /* n * nser, row by row */
	char **text;            /* n * nser: each value as the server wrote it (psql's 15.0) */
	bool vertical;          /* numeric or time labels: columns in order */
};

/* One run of text in one style: series >= 0 its colour, -1 plain, CHART_LEGEND. */
struct chart_seg { char *text; int series; };
struct chart_line { struct chart_seg *seg; int nseg; };
struct chart_out { struct chart_line *lines; int nlines; };

/* Build a chart from rows (numeric[c]: the column holds numbers). -1 with why set when the
 * result cannot be charted (no numeric column, too many rows). */
int chart_from_rows(struct chart *ch, struct rowstore *rows, char *const *names,
		    const bool *numeric, int ncols, char *why, size_t whyn);
int chart_from_result(struct chart *ch, const PGresult *res, char *why, size_t whyn);
void chart_free(struct chart *ch);

/* Lay the chart out in w x h cells; `ascii`: # instead of blocks. 0, or -1 (memory). */
int chart_render(const struct chart *ch, int w, int h, bool utf8, struct chart_out *out);
void chart_out_free(struct chart_out *out);
/* As text on f, coloured with ANSI escapes when `color`, `#` bars when not utf8. */
void chart_print(FILE *f, const struct chart *ch, int w, bool utf8, bool color);

#endif
