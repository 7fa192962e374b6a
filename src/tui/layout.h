/* layout.h — where each pane goes for a terminal size; pure arithmetic, unit-tested. */
#ifndef DWH_TUI_LAYOUT_H
#define DWH_TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 18

struct rect { int y, x, h, w; };

enum pane { PANE_BAR, PANE_TABLES, PANE_PIPELINE, PANE_RESULT, PANE_LOG, PANE_PROMPT, PANE_COUNT };

/* normal: every pane; focus (`layout focus`, for a projector): the result takes the screen,
 * Tables and Pipeline fold into one summary line, the log keeps one line. */
enum layout_mode { LAYOUT_NORMAL, LAYOUT_FOCUS };

struct layout {
	int rows, cols;
	bool too_small;
	struct rect pane[PANE_COUNT];   /* boxed panes include their border; h 0: not shown */
	struct rect summary;            /* focus: the one line standing for Tables and Pipeline */
	struct rect card;               /* a tour step's card above the result (h 0: none) */
};

void layout_compute(struct layout *l, int rows, int cols);
/* The same in a mode, with card_h rows wanted for a tour card (0: none). The card never
 * leaves the result fewer than 4 rows; with a card the log keeps one line. */
void layout_compute_mode(struct layout *l, int rows, int cols, enum layout_mode mode, int card_h);
const char *pane_name(enum pane p);
/* Whether the pane is drawn in a box (its content is inset by one cell). */
bool pane_boxed(enum pane p);

#endif
