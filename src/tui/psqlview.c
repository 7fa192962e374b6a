/* psqlview.c — psql's view of a result in the console: under \x on the rows stack as psql's
 * "-[ RECORD n ]" blocks, under \pset as psql would print them (border, null, format...).
 * The lines are made by view/pset.c from the rowstore, so the console shows byte for byte
 * what psql prints; they are made again when rows arrive or the order changes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "view/print.h"
#include "view/pset.h"
#include "tui/paint.h"
#include "tui/ui.h"

static const char *store_name(void *ctx, int c)
{
	return ((struct model_result *)ctx)->names[c];
}

static bool store_right(void *ctx, int c)
{
	return ((struct model_result *)ctx)->right[c];
}

static int store_row(void *ctx, long i, const char **cells)
{
	return rows_get(((struct model_result *)ctx)->rows, i, cells);
}

static void lines_free(struct model_result *r)
{
	for (int i = 0; i < r->npl; i++)
		free(r->plines[i]);
	free(r->plines);
	r->plines = NULL;
	r->npl = 0;
}

/* Split the printed text into lines (the last newline ends the last line). */
static void lines_from(struct model_result *r, char *text, size_t len)
{
	int cap = 0;

	for (size_t i = 0; i < len; i++)
		cap += text[i] == '\n';
	r->plines = calloc((size_t)cap + 1, sizeof *r->plines);
	for (char *p = text, *nl; r->plines && p < text + len && (nl = strchr(p, '\n')); p = nl + 1) {
		*nl = '\0';
		if (!(r->plines[r->npl] = strdup(p)))
			break;
		r->npl++;
	}
}

static void make_lines(struct model_result *r)
{
	long n = rows_count(r->rows);
	struct ptable t = { .nf = r->ncols, .nr = n, .ctx = r, .name = store_name,
			    .right = store_right, .row = store_row };
	struct pset_part part = { .head = true, .last = !r->fetching, .first = 1, .total = n };
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	struct dwh_pset ps = r->pset;

	if (n == r->pl_rows && r->sorted == r->pl_sorted && r->pl_width == r->pl_made_width)
		return;
	lines_free(r);
	if (!(f = open_memstream(&text, &len)))
		return;
	if (ps.columns <= 0)    /* format wrapped fits the pane, as psql fits the terminal */
		ps.columns = r->pl_width;
	pset_print(f, &t, &ps, r->psql_expanded, &part, true);
	r->pl_made_width = r->pl_width;
	fclose(f);
	lines_from(r, text, len);
	free(text);
	r->pl_rows = r->fetching ? -1 : n;      /* while rows arrive, made again on each draw */
	r->pl_sorted = r->sorted;
}

char **result_lines(struct model_result *r, int *n, long **top)
{
	if (r->kind != RES_ROWS) {
		*n = r->nlines;
		*top = &r->top;
		return r->lines;
	}
	if (!r->psql || r->record || r->chart)
		return *n = 0, *top = NULL, NULL;
	make_lines(r);
	*n = r->npl;
	*top = &r->ptop;
	return r->plines;
}

void psqlview_draw(struct ui *u, struct model_result *r, struct rect rc, const char *title)
{
	int rows = rc.h - 2, inner = rc.w - 4, widest = 0;
	char foot[200] = "";

	r->pl_width = inner;    /* (wrapped is made again for a new width) */
	make_lines(r);
	if (r->ptop > r->npl - rows)
		r->ptop = r->npl - rows > 0 ? r->npl - rows : 0;
	for (int i = 0; i < r->npl; i++) {
		int w = print_width(r->plines[i]);
		widest = w > widest ? w : widest;
	}
	if (r->npl > rows)
		snprintf(foot, sizeof foot, "lines %ld-%ld of %d  PgUp/PgDn", r->ptop + 1,
			 r->ptop + rows < r->npl ? r->ptop + rows : r->npl, r->npl);
	if (r->hleft > widest - inner)  /* no further than the widest line's end */
		r->hleft = widest - inner > 0 ? widest - inner : 0;
	if (widest > inner + r->hleft || r->hleft > 0)  /* lines wider than the pane: say how */
		snprintf(foot + strlen(foot), sizeof foot - strlen(foot), "%sLeft/Right %d-%d of %d",
			 foot[0] ? "  " : "", r->hleft + 1, r->hleft + inner < widest ? r->hleft + inner
			 : widest, widest);
	if (r->timed) {
		size_t l = strlen(foot);
		snprintf(foot + l, sizeof foot - l, "%s", l ? "  " : "");
		print_timing(foot + strlen(foot), sizeof foot - strlen(foot), r->ms);
	}
	browse_footer(u, foot, sizeof foot);
	draw_box(u, rc, title, foot[0] ? foot : NULL);
	if (u->browse)
		draw_box_focus(u, rc);
	for (int i = 0; i < rows && r->ptop + i < r->npl; i++) {
		char buf[8192];
		enum theme_el el = u->search[0] && strstr(r->plines[r->ptop + i], u->search) ? EL_MATCH
			: EL_NORMAL;

		model_cell_show(r->plines[r->ptop + i], buf, sizeof buf, u->utf8);
		draw_cut_line(u, rc.y + 1 + i, rc.x + 2, inner, r->hleft, buf, draw_style(u, el));
	}
}
