/* layout.h — where each pane goes for a terminal size; pure arithmetic, unit-tested. */
#ifndef DWH_TUI_LAYOUT_H
#define DWH_TUI_LAYOUT_H

#include <stdbool.h>

#define LAYOUT_MIN_COLS 60
#define LAYOUT_MIN_ROWS 18

struct rect { int y, x, h, w; };

enum pane { PANE_BAR, PANE_TABLES, PANE_PIPELINE, PANE_RESULT, PANE_LOG, PANE_PROMPT, PANE_COUNT };

struct layout {
	int rows, cols;
	bool too_small;
	struct rect pane[PANE_COUNT];   /* boxed panes include their border */
};

void layout_compute(struct layout *l, int rows, int cols);
const char *pane_name(enum pane p);
/* Whether the pane is drawn in a box (its content is inset by one cell). */
bool pane_boxed(enum pane p);

#endif
