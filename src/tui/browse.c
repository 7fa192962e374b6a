/* browse.c — the result browser's keys, while the Result pane has focus (Esc or F6 from the
 * prompt): moving the cursor through rows and columns, search, record view, sort, chart and
 * flipping through the kept results. Drawing thread; takes the model lock itself. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/strci.h"
#include "tui/explore.h"
#include "tui/ui.h"

/* From the cursor, the next cell holding the search in direction dir, wrapping once. */
static void search_step(struct ui *u, struct model_result *r, int dir)
{
	long total = rows_count(r->rows), row = r->row;
	int col = r->col, nc = r->ncols;
	const char *cells[nc + 1];
	bool wrapped = false;

	if (!u->search[0] || total == 0 || nc == 0)
		return;
	for (long steps = 0; steps <= total * nc; steps++) {
		col += dir;
		if (col >= nc || col < 0) {
			col = dir > 0 ? 0 : nc - 1;
			row += dir;
			if (row >= total || row < 0) {
				row = dir > 0 ? 0 : total - 1;
				wrapped = true;
			}
		}
		if (rows_get(r->rows, row, cells) == 0 && strci_has(cells[col], u->search)) {
			r->row = row;
			r->col = col;
			r->rec_top = 0;
			if (wrapped)
				snprintf(u->notice, sizeof u->notice, "search wrapped to the %s",
					 dir > 0 ? "top" : "bottom");
			return;
		}
	}
	snprintf(u->notice, sizeof u->notice, "not found: %.120s", u->search);
}

/* In lines (a text result, psql's view): the next line holding the search after the top one,
 * in direction dir, wrapping once; it becomes the top line. */
static void search_lines(struct ui *u, char **lines, int n, long *top, int dir)
{
	if (!u->search[0] || n == 0)
		return;
	for (long i = 1, at; i <= n; i++) {
		at = ((*top + dir * i) % n + n) % n;
		if (strci_has(lines[at], u->search)) {
			if ((dir > 0) != (at > *top))
				snprintf(u->notice, sizeof u->notice, "search wrapped to the %s",
					 dir > 0 ? "top" : "bottom");
			*top = at;
			return;
		}
	}
	snprintf(u->notice, sizeof u->notice, "not found: %.120s", u->search);
}

/* Typing a search in the footer: Enter runs it, Esc drops it. */
static void search_key(struct ui *u, struct model_result *r, int c)
{
	size_t n = strlen(u->search_in);
	char **lines;
	long *top;
	int nl;

	if (c == 27) {
		u->searching = 0;
	} else if (c == '\n' || c == '\r' || c == KEY_ENTER) {
		u->search_dir = u->searching == '/' ? 1 : -1;
		u->searching = 0;
		if (u->search_in[0])
			snprintf(u->search, sizeof u->search, "%s", u->search_in);
		if (r && (lines = result_lines(r, &nl, &top)))
			search_lines(u, lines, nl, top, u->search_dir);
		else if (r && r->kind == RES_ROWS)
			search_step(u, r, u->search_dir);
	} else if (c == KEY_BACKSPACE || c == 127 || c == 8) {
		if (n > 0) {
			while (n > 0 && (u->search_in[n - 1] & 0xC0) == 0x80)
				n--;            /* a whole UTF-8 character */
			u->search_in[n - 1] = '\0';
		} else {
			u->searching = 0;
		}
	} else if (c >= 0x20 && c < 0x100 && c != 0x7F && n + 1 < sizeof u->search_in) {
		u->search_in[n] = (char)c;
		u->search_in[n + 1] = '\0';
	}
}

static void sort_by(struct ui *u, struct model_result *r, bool desc)
{
	if (r->fetching || !rows_in_memory(r->rows)) {
		snprintf(u->notice, sizeof u->notice, "too many rows to sort here (%ld%s): add ORDER BY "
			 "to the query", rows_count(r->rows), r->fetching ? "+" : "");
		return;
	}
	if (rows_sort(r->rows, r->col, r->right[r->col], desc) == 0) {
		r->sorted = desc ? -(r->col + 1) : r->col + 1;
		snprintf(u->notice, sizeof u->notice, "sorted by %s %s", r->names[r->col],
			 desc ? "descending" : "ascending");
	}
}

static void rows_key(struct ui *u, struct model_result *r, int c)
{
	long total = rows_count(r->rows), page = grid_page(u);
	int col0 = r->col;

	r->follow = false;      /* any key but G (End in a record) stops following */
	if (r->chart) {         /* a chart's lines scroll (grid.c keeps them in range) */
		switch (c) {
		case KEY_UP: case 'k': r->chart_top--; return;
		case KEY_DOWN: case 'j': r->chart_top++; return;
		case KEY_PPAGE: r->chart_top -= (int)page; return;
		case KEY_NPAGE: r->chart_top += (int)page; return;
		case 'g': case KEY_HOME: r->chart_top = 0; return;
		case 'G': case KEY_END: r->chart_top = 1 << 20; return;
		}
	}
	switch (c) {
	case KEY_UP: case 'k': r->row--; r->rec_top = 0; break;
	case KEY_DOWN: case 'j': r->row++; r->rec_top = 0; break;
	case KEY_PPAGE:
		if (r->record)
			r->rec_top -= page;
		else
			r->row -= page, r->top -= page;
		break;
	case KEY_NPAGE:
		if (r->record)
			r->rec_top += page;
		else
			r->row += page, r->top += page;
		break;
	case 'g': r->row = 0; break;
	case 'G': r->row = total - 1; r->follow = r->fetching; break;
	case KEY_LEFT: case 'h': r->col--; break;
	case KEY_RIGHT: case 'l': r->col++; break;
	case KEY_HOME: case '^': case '0': r->col = 0; r->first = 0; break;
	case KEY_END: case '$':
		if (r->record && c == KEY_END) {        /* a record's End is the last record */
			r->row = total - 1;
			r->follow = r->fetching;
		} else {
			r->col = r->ncols - 1;
		}
		break;
	case 'x': case '\n': case '\r': case KEY_ENTER:
		r->record = c == 'x' ? !r->record : true;
		r->rec_enter = r->record && c != 'x';  /* opened as a row's details: Esc goes back */
		r->auto_seen = true;    /* the user's choice: \x auto no longer decides */
		r->chart = false;
		r->rec_top = 0;
		break;
	case KEY_BACKSPACE: case 127: case 8:  /* from a record back to the rows (a plan's tree) */
		r->record = r->rec_enter = false;
		break;
	case 's': sort_by(u, r, false); break;
	case 'S': sort_by(u, r, true); break;
	case 'c': r->chart = !r->chart; break;
	case 'n': search_step(u, r, u->search_dir ? u->search_dir : 1); break;
	case 'N': search_step(u, r, u->search_dir ? -u->search_dir : -1); break;
	}
	if (r->row >= total)
		r->row = total - 1;
	if (r->row < 0)
		r->row = 0;
	if (r->top < 0)
		r->top = 0;
	if (r->rec_top < 0)
		r->rec_top = 0;
	if (r->col >= r->ncols)
		r->col = r->ncols - 1;
	if (r->col < 0)
		r->col = 0;
	if (r->col != col0)
		r->cskip = 0;   /* another column: from the start of its values */
}

static void text_key(struct ui *u, struct model_result *r, int c, char **lines, int n, long *top)
{
	int page = grid_page(u);

	switch (c) {
	case KEY_UP: case 'k': (*top)--; break;
	case KEY_DOWN: case 'j': (*top)++; break;
	case KEY_PPAGE: *top -= page; break;
	case KEY_NPAGE: *top += page; break;
	case 'g': *top = 0; break;
	case 'G': *top = n; break;
	case KEY_LEFT: case 'h': r->hleft--; break;      /* a character; Shift: half a pane */
	case KEY_RIGHT: case 'l': r->hleft++; break;
	case KEY_HOME: r->hleft = 0; break;
	case 'n': search_lines(u, lines, n, top, u->search_dir ? u->search_dir : 1); break;
	case 'N': search_lines(u, lines, n, top, u->search_dir ? -u->search_dir : -1); break;
	case 'x': if (r->kind == RES_ROWS) r->record = true; break;   /* psql's view: the card */
	}
	if (*top < 0)
		*top = 0;
	if (r->hleft < 0)
		r->hleft = 0;
}

/* `w`: the `why` command for the cursor row's key, into cmd (empty when the result has none):
 * songplay_id first, then the cursor column when it is user_id, song_id or artist_id, then
 * the first of those the result has. */
static void why_line(const struct model_result *r, char *cmd, size_t n)
{
	static const char *const keys[][2] = { { "songplay_id", "songplays" }, { "user_id", "users" },
					       { "song_id", "songs" }, { "artist_id", "artists" } };
	const char *cells[r->ncols + 1];
	int pick = -1, table = -1;

	cmd[0] = '\0';
	if (r->ncols == 0 || rows_get(r->rows, r->row, cells) != 0)
		return;
	for (int k = 0; k < 4 && pick < 0; k++)
		for (int c = 0; c < r->ncols && pick < 0; c++)
			if ((k == 0 || c == r->col) && !strcmp(r->names[c], keys[k][0]) && cells[c] && cells[c][0])
				pick = c, table = k;
	for (int k = 1; k < 4 && pick < 0; k++)
		for (int c = 0; c < r->ncols && pick < 0; c++)
			if (!strcmp(r->names[c], keys[k][0]) && cells[c] && cells[c][0])
				pick = c, table = k;
	if (pick >= 0 && !strpbrk(cells[pick], "'\"\\ \t\n"))
		snprintf(cmd, n, "why %s %s", keys[table][1], cells[pick]);
}

/* A printable key the browser does not use for this view: the user is typing a command. */
static bool typed(const struct model_result *r, bool lines, int c)
{
	const char *keys = lines ? "kjgGhlnNx/?[]qi" : "kjgGhl^0$xsScnN/?[]qiw";

	if (c < 0x20 || c == 0x7F || c > 0xFF)
		return false;
	if (!lines && strchr("PyYv", c))
		return false;           /* clipboard.c's */
	return !r || c >= 0x80 || (!strchr(keys, c) && (lines || !explore_owns(r, c)));
}

bool browse_key(struct ui *u, int c)
{
	struct model *m = &u->m;
	struct model_result *r;
	char why[300] = "", xcmd[8192] = "";
	char **lines;
	long *top;
	int n;

	model_lock(m);
	r = model_current(m);
	u->notice[0] = '\0';
	if (r && r->cat && !u->searching && catalog_key(u, r, c, xcmd, sizeof xcmd)) {
		;       /* the catalog tree's keys (catalog.c) */
	} else if (!u->searching && typed(r, r && (r->kind != RES_ROWS || result_lines(r, &n, &top)), c)) {
		u->browse = false;      /* back to the prompt, the key typed there (as pspg, pgcli) */
		model_changed(m);
		model_unlock(m);
		return false;
	} else if (u->searching == '|' || u->searching == '&') {
		explore_prompt_key(u, r, c, xcmd, sizeof xcmd);
	} else if (u->searching) {
		search_key(u, r, c);
	} else if (c == 27 && r && r->kind == RES_ROWS && r->record && r->rec_enter) {
		r->record = r->rec_enter = false;       /* Enter drilled into a row: Esc comes back */
	} else if (c == 27 || c == KEY_F(6) || c == 'q' || c == 'i') {
		u->browse = false;
	} else if (c == '[' || c == ']') {
		if (!model_step_result(m, c == '[' ? -1 : 1))
			snprintf(u->notice, sizeof u->notice, "no %s result", c == '[' ? "older" : "newer");
	} else if (r && (c == KEY_SRIGHT || c == KEY_SLEFT)) {
		grid_sideways(u, r, c == KEY_SRIGHT ? 1 : -1);
	} else if (c == '/' || c == '?') {
		u->searching = c;
		u->search_in[0] = '\0';
	} else if (r && (lines = result_lines(r, &n, &top))) {
		text_key(u, r, c, lines, n, top);
	} else if (r && r->kind == RES_ROWS && explore_key(u, r, c, xcmd, sizeof xcmd)) {
		;       /* filter, hide/move columns, profile (explore.c) */
	} else if (r && r->kind == RES_ROWS && c == 'w') {
		why_line(r, why, sizeof why);
		if (!why[0])
			snprintf(u->notice, sizeof u->notice, "w: this row has no songplay_id, user_id, "
				 "song_id or artist_id");
	} else if (r && r->kind == RES_ROWS && clipboard_key(u, r, c)) {
		;
	} else if (r && r->kind == RES_ROWS) {
		rows_key(u, r, c);
	} else if (r) {
		text_key(u, r, c, r->lines, r->nlines, &r->top);
	}
	model_changed(m);
	model_unlock(m);
	clipboard_after(u);
	if (why[0] || xcmd[0])
		worker_start(u, why[0] ? why : xcmd);   /* (takes the model lock itself) */
	return true;
}
