/* layout.c — the console's pane geometry: status bar, Tables beside Pipeline, Result, Log and
 * the prompt line, shrinking the result and log first so 80x24 still shows everything. */
#include "tui/layout.h"

#include <string.h>

static const char *const names[PANE_COUNT] = {
	"bar", "tables", "pipeline", "result", "log", "prompt",
};

const char *pane_name(enum pane p)
{
	return names[p];
}

bool pane_boxed(enum pane p)
{
	return p == PANE_TABLES || p == PANE_PIPELINE || p == PANE_RESULT;
}

static struct rect R(int y, int x, int h, int w)
{
	struct rect r = { y, x, h, w };
	return r;
}

void layout_compute(struct layout *l, int rows, int cols)
{
	layout_compute_mode(l, rows, cols, LAYOUT_NORMAL, 0);
}

/* Take the card's rows from the top of the result box (leaving it at least 4 rows). */
static void place_card(struct layout *l, int card_h)
{
	struct rect *res = &l->pane[PANE_RESULT];

	if (card_h <= 0)
		return;
	if (card_h > res->h - 4)
		card_h = res->h - 4;
	if (card_h < 3)
		return;
	l->card = R(res->y, res->x, card_h, res->w);
	res->y += card_h;
	res->h -= card_h;
}

static void compute_focus(struct layout *l, int rows, int cols, int card_h)
{
	l->pane[PANE_BAR] = R(0, 0, 1, cols);
	l->summary = R(1, 0, 1, cols);
	l->pane[PANE_TABLES] = R(2, 0, 0, 0);
	l->pane[PANE_PIPELINE] = R(2, 0, 0, 0);
	l->pane[PANE_RESULT] = R(2, 0, rows - 4, cols);
	l->pane[PANE_LOG] = R(rows - 2, 0, 1, cols);
	l->pane[PANE_PROMPT] = R(rows - 1, 0, 1, cols);
	place_card(l, card_h);
}

void layout_compute_mode(struct layout *l, int rows, int cols, enum layout_mode mode, int card_h)
{
	int top_h = 10, tables_w = 28, log_h, result_h, y;

	memset(l, 0, sizeof *l);
	l->rows = rows;
	l->cols = cols;
	if (rows < LAYOUT_MIN_ROWS || cols < LAYOUT_MIN_COLS) {
		l->too_small = true;
		return;
	}
	if (mode == LAYOUT_FOCUS) {
		compute_focus(l, rows, cols, card_h);
		return;
	}
	/* the pipeline's 8 stages need 10 rows; squeeze on tiny screens, and for a tour's card
	 * on small ones (the pipeline keeps the stage at work in view) */
	if (rows < 22 || (card_h > 0 && rows < 30))
		top_h = 8;
	/* What is left after the bar, the top panes and the prompt: the log takes about a third
	 * (2..8 lines), the result box the rest. */
	log_h = (rows - 2 - top_h) / 3;
	log_h = log_h < 2 ? 2 : log_h > 8 ? 8 : log_h;
	if (card_h > 0 && rows < 40)    /* a tour card needs the rows more than the log does */
		log_h = 1;
	result_h = rows - 2 - top_h - log_h;
	y = 0;
	l->pane[PANE_BAR] = R(y, 0, 1, cols);
	y += 1;
	l->pane[PANE_TABLES] = R(y, 0, top_h, tables_w);
	l->pane[PANE_PIPELINE] = R(y, tables_w, top_h, cols - tables_w);
	y += top_h;
	l->pane[PANE_RESULT] = R(y, 0, result_h, cols);
	y += result_h;
	l->pane[PANE_LOG] = R(y, 0, log_h, cols);
	y += log_h;
	l->pane[PANE_PROMPT] = R(y, 0, 1, cols);
	place_card(l, card_h);
}
