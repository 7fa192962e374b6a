/* grid.c — the Result pane: rows as a grid (header always shown, the first `freeze` columns
 * kept while the others scroll, a cursor row and column), one row as a record (`x`), a
 * command's text, a statement's tag or error, and charts. Drawing thread, model lock held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/strci.h"
#include "etl/runlog.h"
#include "view/chart.h"
#include "view/print.h"
#include "tui/explore.h"
#include "tui/paint.h"
#include "tui/ui.h"

#define CELL_MAX 4096           /* bytes of a cell considered for drawing in the grid */

static const char *bar_glyph(const struct ui *u, bool frozen_edge)
{
	return u->utf8 ? (frozen_edge ? "║" : "│") : "|";
}

/* The focused pane's sides and corners in the theme's focus style (the title stays). */
void draw_box_focus(const struct ui *u, struct rect r)
{
	attrset(draw_style(u, EL_FOCUS));
	mvaddch(r.y, r.x, ACS_ULCORNER);
	mvaddch(r.y, r.x + r.w - 1, ACS_URCORNER);
	mvvline(r.y + 1, r.x, ACS_VLINE, r.h - 2);
	mvvline(r.y + 1, r.x + r.w - 1, ACS_VLINE, r.h - 2);
	mvaddch(r.y + r.h - 1, r.x, ACS_LLCORNER);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, ACS_LRCORNER);
	attrset(draw_style(u, EL_NORMAL));
}

int grid_page(const struct ui *u)
{
	int h = u->lay.pane[PANE_RESULT].h - 3;
	return h > 1 ? h : 1;
}

/* A column is as wide as its values, up to the pane's width. */
static int colw(const struct model_result *r, int c, int inner)
{
	return r->width[c] < inner ? r->width[c] : inner > 1 ? inner : 1;
}

/* s after its first n display columns. */
static const char *skip_columns(const char *s, int n)
{
	while (*s && n > 0) {
		int len = 1;
		char one[8];

		while ((s[len] & 0xC0) == 0x80 && len < 4)
			len++;
		memcpy(one, s, (size_t)len);
		one[len] = '\0';
		n -= model_width(one);
		s += len;
	}
	return s;
}

/* A file path (load_errors.file, a run log's source): absolute or in S3, one line. */
static bool looks_like_path(const char *v)
{
	return (v[0] == '/' || !strncmp(v, "s3://", 5)) && strchr(v + 1, '/') && !strchr(v, '\n');
}

/* The text of a cell as drawn from display column skip (a marker where it was cut on the
 * left), cut to w columns with … when longer: at the end, or in the middle for a file path,
 * whose end names the file. */
static void cell_text(const struct ui *u, const char *v, int w, char *buf, size_t n, int skip)
{
	char raw[CELL_MAX + 1], shown[CELL_MAX * 2];

	snprintf(raw, sizeof raw, "%s", v);
	model_cell_show(raw, shown, sizeof shown, u->utf8);
	if (skip > 0)
		snprintf(buf, n, "%s%s", u->utf8 ? "…" : "<", skip_columns(shown, skip + 1));
	else
		snprintf(buf, n, "%s", shown);
	if (skip == 0 && looks_like_path(v) && strlen(buf) + 4 < n)
		draw_clip_middle(buf, w, u->utf8);
	else
		draw_clip(buf, w, u->utf8);
}

/* The columns the cursor column can take: the pane less the frozen columns left of it. */
static int cursor_room(const struct ui *u, const struct model_result *r, int inner)
{
	int room = inner;

	for (int c = 0; c < u->m.freeze && c < r->col; c++)
		room -= colw(r, c, inner) + 3;
	return room > 1 ? room : 1;
}

void browse_footer(const struct ui *u, char *foot, size_t n)
{
	char was[200];

	if (u->searching)
		snprintf(foot, n, "%c%s_", u->searching, u->search_in);
	else if (u->notice[0])
		snprintf(foot, n, "%s", u->notice);
	else if (u->browse && snprintf(was, sizeof was, "%s", foot) >= 0)
		snprintf(foot, n, "browsing %s Esc returns to the prompt%s%s", u->utf8 ? "—" : "-",
			 was[0] ? "  " : "", was);
}

void grid_sideways(struct ui *u, struct model_result *r, int dir)
{
	int inner = u->lay.pane[PANE_RESULT].w - 4, step = inner / 2 > 1 ? inner / 2 : 1;
	int over = r->kind == RES_ROWS && r->ncols ? r->width[r->col] - cursor_room(u, r, inner) : 0;

	if (r->kind != RES_ROWS || (r->psql && !r->record && !r->chart)) {
		r->hleft = r->hleft + dir * step > 0 ? r->hleft + dir * step : 0;
		return;
	}
	if (r->record || r->chart)
		return;
	/* a value wider than the pane: half a pane at a time through it, then the next column */
	if (dir > 0 && r->cskip < over) {
		r->cskip = r->cskip + step < over ? r->cskip + step : over;
		return;
	}
	if (dir < 0 && r->cskip > 0) {
		r->cskip = r->cskip - step > 0 ? r->cskip - step : 0;
		return;
	}
	int col = r->col + dir < 0 ? 0 : r->col + dir >= r->ncols ? r->ncols - 1 : r->col + dir;

	if (col != r->col)      /* another column: from the start of its values */
		r->col = col, r->cskip = 0;
}

/* The columns drawn, left to right: frozen ones, then from r->first while they fit. The
 * last one may be cut. Returns how many; cols[] gets indexes, xs[] their offsets. */
static int visible_columns(const struct ui *u, struct model_result *r, int inner, int *cols, int *xs)
{
	int fz = u->m.freeze < r->ncols ? u->m.freeze : r->ncols - 1, n = 0, x = 0;

	if (fz < 0)
		fz = 0;
	if (r->first < fz || r->col < fz)
		r->first = fz;          /* back on a frozen column: the rest from the start */
	/* The cursor column in view: scroll the unfrozen part until it fits. */
	for (;;) {
		int used = 0;
		for (int c = 0; c < fz; c++)
			used += colw(r, c, inner) + 3;
		if (r->col < fz || r->col < r->first) {
			if (r->col >= fz)
				r->first = r->col;
			break;
		}
		for (int c = r->first; c <= r->col; c++)
			used += colw(r, c, inner) + 3;
		if (used - 3 <= inner || r->first >= r->col)
			break;
		r->first++;
	}
	for (int c = 0; c < r->ncols && x < inner; c++) {
		if (c >= fz && c < r->first)
			continue;
		cols[n] = c;
		xs[n++] = x;
		x += colw(r, c, inner) + 3;
	}
	return n;
}

static enum theme_el cell_el(const struct ui *u, const struct model_result *r, long row, int c,
			     const char *v)
{
	bool on = u->browse;

	if (on && row == r->row && c == r->col)
		return EL_CURSOR;
	if (v && u->search[0] && strci_has(v, u->search))
		return EL_MATCH;
	if (on && row == r->row)
		return EL_CURSOR_ROW;
	if (!v)
		return EL_NULL;
	if (on && c == r->col)
		return EL_CURSOR_COL;
	return EL_NORMAL;
}

static void draw_row(struct ui *u, struct model_result *r, int y, int x0, int inner, long row,
		     const int *cols, const int *xs, int n)
{
	const char *cells[r->ncols + 1];
	char buf[CELL_MAX * 2];
	int fz = u->m.freeze;

	if (row >= 0 && rows_get(r->rows, row, cells) < 0)
		return;
	if (row >= 0 && u->browse && row == r->row)
		draw_fill(y, x0, inner, draw_style(u, EL_CURSOR_ROW));
	for (int i = 0; i < n; i++) {
		int c = cols[i], w = colw(r, c, inner), room = inner - xs[i];
		const char *v = row < 0 ? r->names[c] : cells[c];
		enum theme_el el = row < 0 ? EL_HEADER : cell_el(u, r, row, c, v);

		if (room <= 0)
			break;
		cell_text(u, v ? v : "NULL", w < room ? w : room, buf, sizeof buf,
			  row >= 0 && c == r->col ? r->cskip : 0);
		int tw = model_width(buf), pad = r->right[c] && tw < w ? w - tw : 0;
		if (pad > room)
			pad = room;
		draw_put(u, y, x0 + xs[i] + pad, room - pad, 0, buf, draw_style(u, el));
		if (i + 1 < n && xs[i] + w + 3 <= inner)
			draw_put(u, y, x0 + xs[i] + w + 1, 1, 0, bar_glyph(u, c == fz - 1),
				 draw_style(u, EL_BORDER));
	}
}

static void footer_for(struct ui *u, struct model_result *r, char *buf, size_t n, const char *cols)
{
	long total = rows_count(r->rows);
	char more[600] = "", ms[96] = "", num[32];

	explore_footer(r, more, sizeof more);   /* filters, hidden columns */
	if (cols && cols[0])
		snprintf(more + strlen(more), sizeof more - strlen(more), "  %s", cols);
	if (r->fetching && r->follow)
		snprintf(more + strlen(more), sizeof more - strlen(more),
			 "  following to the end — %s+ rows", runlog_count(total, num, sizeof num));
	else if (r->fetching)
		snprintf(more + strlen(more), sizeof more - strlen(more), "  %ld+ rows (fetching)", total);
	else if (r->stopped[0])
		snprintf(more + strlen(more), sizeof more - strlen(more), "  %s after %ld rows",
			 r->stopped, total);
	if (r->timed) {         /* \timing on: psql's words, also when not browsing */
		print_timing(ms + 2, sizeof ms - 2, r->ms);
		memcpy(ms, "  ", 2);
		snprintf(more + strlen(more), sizeof more - strlen(more), "%s", u->browse ? "" : ms);
	} else if (r->ms >= 0) {
		snprintf(ms, sizeof ms, "  %.1f ms", r->ms);
	}
	if (u->searching)
		snprintf(buf, n, "%c%s_", u->searching, u->search_in);
	else if (u->notice[0])
		snprintf(buf, n, "%s", u->notice);
	else if (u->browse)
		snprintf(buf, n, "row %ld of %ld%s  %s%s%s", total ? r->row + 1 : 0, total,
			 r->fetching ? "+" : "", r->ncols ? r->names[r->col] : "", ms, more);
	else if (total > grid_page(u))
		snprintf(buf, n, "%ld-%ld of %ld%s  Esc browses", r->top + 1,
			 r->top + grid_page(u) < total ? r->top + grid_page(u) : total, total, more);
	else
		snprintf(buf, n, "%s", more[0] ? more + 2 : "");
}

static void draw_record(struct ui *u, struct model_result *r, struct rect rc);

static void draw_grid(struct ui *u, struct model_result *r, struct rect rc, const char *title)
{
	int inner = rc.w - 4, rows = rc.h - 3, x0 = rc.x + 2;
	long total = rows_count(r->rows);
	int cols[r->ncols + 1], xs[r->ncols + 1];
	char foot[300];

	/* \x auto: records when too wide. The widths grow as rows arrive, so while fetching
	 * only "too wide" is final; "fits" is decided once every row is in. */
	if (u->m.expanded == 2 && !r->auto_seen) {
		int w = -3;
		for (int c = 0; c < r->ncols; c++)
			w += r->width[c] + 3;
		if (w > inner || !r->fetching)
			r->auto_seen = true;
		if (w > inner) {
			r->record = true;
			draw_record(u, r, rc);
			return;
		}
	}

	if (r->row >= total)
		r->row = total > 0 ? total - 1 : 0;
	if (r->col >= r->ncols)
		r->col = r->ncols - 1;
	if (r->row < r->top)
		r->top = r->row;
	if (u->browse && r->row >= r->top + rows)
		r->top = r->row - rows + 1;
	if (r->top > total - rows)
		r->top = total - rows > 0 ? total - rows : 0;
	int n = r->ncols ? visible_columns(u, r, inner, cols, xs) : 0;
	char colinfo[128] = "";
	/* Columns out of view are announced: "cols 1-7 of 10" (the last may be cut). */
	if (n > 0 && (n < r->ncols || xs[n - 1] + colw(r, cols[n - 1], inner) > inner))
		snprintf(colinfo, sizeof colinfo, "cols %d-%d of %d", cols[n > u->m.freeze ? u->m.freeze : 0] + 1,
			 cols[n - 1] + 1, r->ncols);
	int room = r->ncols ? cursor_room(u, r, inner) : 0;
	if (r->ncols && r->width[r->col] > room)      /* values wider than the pane: say how */
		snprintf(colinfo + strlen(colinfo), sizeof colinfo - strlen(colinfo),
			 "%sShift-Right chars %d-%d of %d", colinfo[0] ? "  " : "", r->cskip + 1,
			 r->cskip + room < r->width[r->col] ? r->cskip + room : r->width[r->col],
			 r->width[r->col]);
	footer_for(u, r, foot, sizeof foot, colinfo);
	draw_box(u, rc, title, foot[0] ? foot : NULL);
	if (u->browse)
		draw_box_focus(u, rc);
	if (rows < 1 || r->ncols == 0)
		return;
	draw_row(u, r, rc.y + 1, x0, inner, -1, cols, xs, n);
	mouse_note_grid(u, rc.y + 1, x0, r->top, cols, xs, n);
	for (int i = 0; i < rows && r->top + i < total; i++)
		draw_row(u, r, rc.y + 2 + i, x0, inner, r->top + i, cols, xs, n);
}

/* Record view: `column │ value`, values wrapped whole at the pane's width. */
static int record_lines(struct ui *u, struct model_result *r, struct rect rc, bool paint)
{
	const char *cells[r->ncols + 1];
	int inner = rc.w - 4, namew = 0, y = 0, h = rc.h - 2;

	if (rows_get(r->rows, r->row, cells) < 0)
		return 0;
	for (int c = 0; c < r->ncols; c++) {
		int w = model_width(r->names[c]);
		namew = w > namew ? w : namew;
	}
	if (namew > inner / 3)
		namew = inner / 3;
	int vw = inner - namew - 3;
	if (vw < 4)
		vw = 4;
	for (int c = 0; c < r->ncols; c++) {
		const char *v = cells[c] ? cells[c] : "NULL";
		size_t len = strlen(v) * 4 + 16;
		char *shown = malloc(len), name[256];
		if (!shown)
			return y;
		model_cell_show(v, shown, len, u->utf8);
		snprintf(name, sizeof name, "%s", r->names[c]);
		draw_clip(name, namew, u->utf8);
		/* wrap by display columns */
		const char *p = shown;
		bool first = true;
		do {
			int used = 0;
			const char *q = p;
			while (*q) {
				int n = 1;
				char one[8];
				if ((unsigned char)*q >= 0x80)
					while ((q[n] & 0xC0) == 0x80 && n < 4)
						n++;
				memcpy(one, q, (size_t)n);
				one[n] = '\0';
				int w = model_width(one);
				if (used + w > vw)
					break;
				used += w;
				q += n;
				if (!strcmp(one, "↵"))  /* a newline in the value ends the line */
					break;
			}
			int line = y - r->rec_top;
			if (paint && line >= 0 && line < h) {
				char piece[4096];
				snprintf(piece, sizeof piece, "%.*s", (int)(q - p), p);
				int sy = rc.y + 1 + line;
				if (first)
					draw_put(u, sy, rc.x + 2, namew, 0, name, draw_style(u, EL_HEADER));
				draw_put(u, sy, rc.x + 2 + namew + 1, 1, 0, bar_glyph(u, false),
					 draw_style(u, EL_BORDER));
				enum theme_el el = !cells[c] ? EL_NULL : u->search[0] &&
					strci_has(cells[c], u->search) ? EL_MATCH : EL_NORMAL;
				draw_put(u, sy, rc.x + 2 + namew + 3, vw, 0, piece, draw_style(u, el));
			}
			y++;
			first = false;
			p = q;
		} while (*p);
		free(shown);
	}
	return y;
}

static void draw_record(struct ui *u, struct model_result *r, struct rect rc)
{
	char title[160], foot[300];
	long total = rows_count(r->rows);
	int lines = record_lines(u, r, rc, false);

	if (r->rec_top > lines - (rc.h - 2))
		r->rec_top = lines - (rc.h - 2) > 0 ? lines - (rc.h - 2) : 0;
	snprintf(title, sizeof title, "Record %ld of %ld%s", total ? r->row + 1 : 0, total,
		 r->fetching ? "+" : "");
	footer_for(u, r, foot, sizeof foot, NULL);
	if (!u->searching && !u->notice[0])
		snprintf(foot, sizeof foot, "%s", lines > rc.h - 2 ? "PgUp/PgDn scroll  x grid"
			 : "Up/Down records  x grid");
	draw_box(u, rc, title, foot);
	if (u->browse)
		draw_box_focus(u, rc);
	if (total)
		record_lines(u, r, rc, true);
}

static void draw_lines(struct ui *u, struct model_result *r, struct rect rc, const char *title)
{
	int rows = rc.h - 2, inner = rc.w - 4;
	char foot[240] = "";

	if (r->top > r->nlines - rows)
		r->top = r->nlines - rows > 0 ? r->nlines - rows : 0;
	if (r->nlines > rows)
		snprintf(foot, sizeof foot, "%ld-%ld of %d  PgUp/PgDn", r->top + 1,
			 r->top + rows < r->nlines ? r->top + rows : r->nlines, r->nlines);
	int widest = 0;
	for (int i = 0; i < r->nlines; i++) {
		int w = model_width(r->lines[i]);
		widest = w > widest ? w : widest;
	}
	if (r->hleft > widest - inner)  /* no further than the widest line's end */
		r->hleft = widest - inner > 0 ? widest - inner : 0;
	if (widest > inner + r->hleft || r->hleft > 0)  /* lines wider than the pane: say how */
		snprintf(foot + strlen(foot), sizeof foot - strlen(foot), "%sShift-Right %d-%d of %d",
			 foot[0] ? "  " : "", r->hleft + 1, r->hleft + inner < widest ? r->hleft + inner
			 : widest, widest);
	browse_footer(u, foot, sizeof foot);
	if (r->timed) {         /* \timing on: a tag or an error tells its time as psql does */
		size_t l = strlen(foot);
		snprintf(foot + l, sizeof foot - l, "%s", l ? "  " : "");
		print_timing(foot + strlen(foot), sizeof foot - strlen(foot), r->ms);
	}
	draw_box(u, rc, title, foot[0] ? foot : NULL);
	if (u->browse)
		draw_box_focus(u, rc);
	for (int i = 0; i < rows && r->top + i < r->nlines; i++) {
		enum theme_el el = r->kind == RES_ERROR && r->top + i == 0 ? EL_ERROR
			: r->kind == RES_ERROR && !strncmp(r->lines[r->top + i], "SQLSTATE", 8) ? EL_WARN
			: EL_NORMAL;
		char buf[4096];
		const char *line = r->lines[r->top + i], *cls = r->cls ? r->cls[r->top + i] : NULL;

		model_cell_show(line, buf, sizeof buf, u->utf8);
		if (cls && !strcmp(buf, line))  /* SQL, highlighted unless a character shows escaped */
			draw_cut_sql(u, rc.y + 1 + i, rc.x + 2, inner, r->hleft, line, draw_style(u, el), cls);
		else
			draw_cut_line(u, rc.y + 1 + i, rc.x + 2, inner, r->hleft, buf, draw_style(u, el));
	}
}

/* A chart: the legend, then its lines from r->chart_top; a horizontal chart taller than the
 * pane scrolls (PgUp/PgDn, Up/Down), and the footer says which lines show and that more exist. */
static void draw_chart(struct ui *u, struct model_result *r, struct rect rc, const char *title)
{
	struct chart ch;
	char why[200], foot[200] = "c grid";
	int inner = rc.w - 4, h = rc.h - 2;

	if (chart_from_rows(&ch, r->rows, r->names, r->right, r->ncols, why, sizeof why) < 0) {
		draw_box(u, rc, title, foot);
		if (u->browse)
			draw_box_focus(u, rc);
		draw_put(u, rc.y + 1, rc.x + 2, inner, 0, why, draw_style(u, EL_WARN));
		return;
	}
	struct chart_out out;
	/* every line of a horizontal chart (h 0: no limit); a vertical one is drawn to fit */
	if (chart_render(&ch, inner, ch.vertical ? h : 0, u->utf8, &out) < 0) {
		chart_free(&ch);
		return;
	}
	int body = out.nlines - 1, room = h - 1;      /* line 0 is the legend */
	if (r->chart_top > body - room)
		r->chart_top = body - room > 0 ? body - room : 0;
	if (r->chart_top < 0)
		r->chart_top = 0;
	if (body > room && room > 0)
		snprintf(foot, sizeof foot, "lines %d-%d of %d%s  PgUp/PgDn  c grid", r->chart_top + 1,
			 r->chart_top + room, body, r->chart_top + room < body ? (u->utf8 ? "  ↓ more"
			 : "  v more") : "");
	browse_footer(u, foot, sizeof foot);
	draw_box(u, rc, title, foot);
	if (u->browse)
		draw_box_focus(u, rc);
	for (int i = 0; i < h && i < out.nlines; i++) {
		int k = i == 0 ? 0 : r->chart_top + i, x = 0;
		if (k >= out.nlines)
			break;
		for (int s = 0; s < out.lines[k].nseg; s++) {
			const struct chart_seg *g = &out.lines[k].seg[s];
			enum theme_el el = g->series < 0 ? EL_NORMAL : g->series == CHART_LEGEND
				? EL_HEADER : (enum theme_el)(EL_SERIES1 + g->series % 4);
			x += draw_put(u, rc.y + 1 + i, rc.x + 2 + x, inner - x, 0, g->text,
				      draw_style(u, el));
		}
	}
	chart_out_free(&out);
	chart_free(&ch);
}

/* Counted, and no warehouse table has a row (missing ones count as empty). */
static bool warehouse_empty(const struct model *m)
{
	bool counted = false;

	for (int i = 0; i < MODEL_TABLES; i++) {
		if (!m->table_names[i] || !strcmp(m->table_names[i], "load_errors"))
			continue;
		if (m->table_rows[i] == -2 || m->table_rows[i] > 0)
			return false;
		counted = true;
	}
	return counted;
}

/* An empty warehouse's first screen says what to do next. */
static void draw_welcome(struct ui *u, struct rect rc)
{
	static const char *const lines[] = {
		"The warehouse is empty. What next:",
		"",
		"  run        build everything from the data: create, stage songs and events, load",
		"             (run --data DIR, or data DIR first, says where song_data/log_data are)",
		"  step       one stage at a time: its SQL, then what it made",
		"  help       every command (\\? psql's meta-commands); F1 the keys",
		"",
		"Or type SQL ending in ';'.",
	};

	for (int i = 0; i < (int)(sizeof lines / sizeof lines[0]) && i < rc.h - 2; i++)
		draw_put(u, rc.y + 1 + i, rc.x + 2, rc.w - 4, 0, lines[i],
			 draw_style(u, i == 0 ? EL_TITLE : EL_NORMAL));
}

void grid_draw(struct ui *u, struct rect rc)
{
	struct model *m = &u->m;
	struct model_result *r = model_current(m);
	char title[512], name[264], suffix[160], ms[32] = "";

	m->text_width = rc.w - 4;      /* what a command's text may fill (`schema` reflows to it) */
	u->mouse.grid = false;         /* (draw_grid says where it drew) */

	if (!r) {
		draw_box(u, rc, "Result", NULL);
		if (u->browse)
			draw_box_focus(u, rc);
		if (!m->status[0] && warehouse_empty(m))
			draw_welcome(u, rc);
		else
			draw_put(u, rc.y + 1, rc.x + 2, rc.w - 4, 0,
				 m->status[0] ? m->status : "Type SQL ending in ';' or a command; F1 for help.",
				 draw_style(u, EL_PENDING));
		return;
	}
	if (r->ms >= 0)
		snprintf(ms, sizeof ms, ", %.1f ms", r->ms);
	const char *dash = u->utf8 ? "—" : "-";
	if (r->kind == RES_ROWS) {
		long total = rows_count(r->rows);
		snprintf(suffix, sizeof suffix, " %s %ld%s row%s%s", dash, total, r->fetching ? "+" : "",
			 total == 1 ? "" : "s", ms);
	} else if (r->kind == RES_TEXT) {
		snprintf(suffix, sizeof suffix, " %s %d line%s", dash, r->nlines, r->nlines == 1 ? "" : "s");
	} else {
		snprintf(suffix, sizeof suffix, " %s %s%s", dash, r->kind == RES_ERROR ? "error" : "done", ms);
	}
	if (m->nhist > 1)
		snprintf(suffix + strlen(suffix), sizeof suffix - strlen(suffix), "  [%d/%d]",
			 m->cur + 1, m->nhist);
	/* A long title gives way: the row count and time always show. SQL shows its first line. */
	const char *what = r->title ? r->title : r->sql ? r->sql : "";
	while (*what == ' ' || *what == '\n' || *what == '\t')
		what++;
	snprintf(name, sizeof name, "%.*s", (int)(strcspn(what, "\n") < 250 ? strcspn(what, "\n") : 250),
		 what);
	draw_clip(name, rc.w - 16 - model_width(suffix), u->utf8);
	if (r->kind == RES_TEXT)
		snprintf(title, sizeof title, "%s%s", name, suffix);
	else
		snprintf(title, sizeof title, "Result%s%s%s", r->title ? ": " : r->sql && r->kind != RES_ROWS
			 ? ": " : "", r->title || r->kind != RES_ROWS ? name : "", suffix);
	if (r->kind != RES_ROWS)
		draw_lines(u, r, rc, title);
	else if (r->chart)
		draw_chart(u, r, rc, title);
	else if (r->record)
		draw_record(u, r, rc);
	else if (r->psql)
		psqlview_draw(u, r, rc, title);
	else
		draw_grid(u, r, rc, title);
}
