/* mouse.c — the mouse in the console (on unless `set mouse off`): the wheel scrolls the pane
 * under the pointer (the result or the log), a click focuses a pane (the result: the browser
 * has the keys; the prompt: typing) and moves the cursor to the cell clicked, a click on a
 * header sorts by that column (again: descending). Curses' own mouse (mousemask, getmouse):
 * the terminal reports X10/SGR sequences and curses turns them into KEY_MOUSE. Drawing thread. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui/ui.h"

#define WHEEL_ROWS 3
#define MOUSE_RUN 8     /* curses keeps at most 8 reports queued (EV_MAX) */

void mouse_enable(struct ui *u, bool on)
{
	u->mouse.on = on;
	mouseinterval(0);       /* a press is a click at once, no waiting for a double one */
	/* (releases asked for too, and passed over: ncurses 6.4 was seen to drop a press that
	 * follows a release it was not asked to report) */
	mousemask(on ? BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED : 0, NULL);
	/* A click comes as two reports (press, release): curses must not put off painting while
	 * the second is unread, or the screen stays a change behind (seen in the tests) */
	typeahead(-1);
}

/* grid.c, after drawing a grid: where its header and columns are. */
void mouse_note_grid(struct ui *u, int hy, int x0, long top, const int *cols, const int *xs, int n)
{
	u->mouse.grid = true;
	u->mouse.hy = hy, u->mouse.x0 = x0, u->mouse.top = top;
	u->mouse.n = n < MOUSE_COLS ? n : MOUSE_COLS;
	memcpy(u->mouse.cols, cols, sizeof *cols * (size_t)u->mouse.n);
	memcpy(u->mouse.xs, xs, sizeof *xs * (size_t)u->mouse.n);
}

static bool inside(struct rect r, int y, int x)
{
	return r.h > 0 && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w;
}

/* The column drawn at screen column x, -1 left of the first. */
static int column_at(const struct ui *u, int x)
{
	int c = -1;

	for (int i = 0; i < u->mouse.n && x - u->mouse.x0 >= u->mouse.xs[i]; i++)
		c = u->mouse.cols[i];
	return c;
}

static void wheel(struct ui *u, bool on_log, int d)
{
	struct model_result *r;

	model_lock(&u->m);
	if (on_log) {
		u->m.log_scroll -= d;   /* up: back into older lines */
		if (u->m.log_scroll < 0)
			u->m.log_scroll = 0;
	} else if ((r = model_current(&u->m))) {
		if (r->kind == RES_ROWS && r->chart)
			r->chart_top += d;
		else if (r->kind == RES_ROWS && !r->psql && !r->record)
			r->top += d, r->row += d;
		else
			r->top += d;
		if (r->top < 0)
			r->top = 0;
		if (r->row < 0)
			r->row = 0;
		if (r->chart_top < 0)
			r->chart_top = 0;
	}
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* A click in the Result pane: focus, then the header sorts, a cell takes the cursor. */
static void click_result(struct ui *u, int y, int x)
{
	struct model_result *r;
	int col = u->mouse.grid ? column_at(u, x) : -1, key = 0;

	model_lock(&u->m);
	u->browse = true;
	u->notice[0] = '\0';
	r = model_current(&u->m);
	if (r && r->kind == RES_ROWS && col >= 0 && col < r->ncols) {
		if (y == u->mouse.hy) {
			r->col = col;
			key = r->sorted == col + 1 ? 'S' : 's';
		} else if (y > u->mouse.hy) {
			long row = u->mouse.top + (y - u->mouse.hy - 1);

			if (row < rows_count(r->rows))
				r->row = row, r->col = col;
		}
	}
	model_changed(&u->m);
	model_unlock(&u->m);
	if (key)
		browse_key(u, key);     /* the browser's own sort (s, S), its notice too */
}

static void one_event(struct ui *u, const MEVENT *ev)
{
	const struct rect *p = u->lay.pane;

	if (ev->bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		int d = ev->bstate & BUTTON4_PRESSED ? -WHEEL_ROWS : WHEEL_ROWS;

		if (inside(p[PANE_LOG], ev->y, ev->x))
			wheel(u, true, d);
		else if (inside(p[PANE_RESULT], ev->y, ev->x))
			wheel(u, false, d);
	} else if (ev->bstate & BUTTON1_PRESSED) {
		if (inside(p[PANE_RESULT], ev->y, ev->x)) {
			click_result(u, ev->y, ev->x);
		} else if (inside(p[PANE_PROMPT], ev->y, ev->x) && u->browse) {
			model_lock(&u->m);
			u->browse = false;
			model_changed(&u->m);
			model_unlock(&u->m);
		}
	}
}

/* Reports read together (a press and its release that reached a busy console in one go) come
 * as one KEY_MOUSE, and getmouse gives the newest first: all of them are taken, then handled
 * oldest first (taking one would keep the release and lose the click). */
void mouse_event(struct ui *u)
{
	MEVENT ev[MOUSE_RUN];
	int n = 0;

	while (n < MOUSE_RUN && getmouse(&ev[n]) == OK)
		n++;
	if (!u->mouse.on)
		return;
	while (n-- > 0)
		one_event(u, &ev[n]);
}

/* `set mouse on|off` (s->hooks.mouse): asked of the drawing thread, which owns curses. */
static enum dwh_rc hook_mouse(struct dwh *s, bool on)
{
	struct ui *u = ui_of_session(s);

	model_lock(&u->m);
	u->mouse.want = on ? 1 : -1;
	model_changed(&u->m);
	model_unlock(&u->m);
	dwh_msg(s, LOG_INFO, "mouse %s", on ? "on: wheel, click, click a header to sort"
					   : "off: the terminal's own selection");
	return DWH_OK;
}

/* The drawing thread, each turn: a `set mouse` asked for. */
void mouse_apply(struct ui *u)
{
	int want;

	model_lock(&u->m);
	want = u->mouse.want;
	u->mouse.want = 0;
	model_unlock(&u->m);
	if (want)
		mouse_enable(u, want > 0);
}

void mouse_install(struct ui *u)
{
	u->s->hooks.mouse = hook_mouse;
}
