/* paint.h — the painting primitives (paint.c) for the files that paint a pane: draw.c, grid.c
 * (the result browser), tour_ui.c (the tour's card). Curses types, so only the console's
 * files include it; draw_text and draw_apply_theme, which need none, are in ui.h. */
#ifndef DWH_TUI_PAINT_H
#define DWH_TUI_PAINT_H

#include <curses.h>

#include "tui/ui.h"

/* The curses attributes of a theme element. */
attr_t draw_style(const struct ui *u, enum theme_el el);
/* UTF-8 text at (y, x) from display column `skip`, at most maxw columns; returns the columns
 * used. Control characters and broken UTF-8 show escaped (textesc.h; cells are escaped
 * before, by model_cell_show). */
int draw_put(const struct ui *u, int y, int x, int maxw, int skip, const char *s, attr_t a);
/* Cut text in place to maxw display columns, ending in … (~ without UTF-8) when cut. */
void draw_clip(char *s, int maxw, bool utf8);
/* SQL's highlighted runs painted over text already drawn at (y, x) from column skip: cls holds
 * sqlscan_classes' class of each byte of text (strlen(text) bytes), plain bytes are left as
 * they are. Text holding control characters must be drawn plain instead (its cells differ). */
void draw_sql_runs(const struct ui *u, int y, int x, int w, int skip, const char *text, const char *cls);
/* The same for a file path: its middle goes (/tmp/…/2018-12-03-events.json), the file's
 * name stays. */
void draw_clip_middle(char *s, int maxw, bool utf8);
/* A line from display column skip in w columns, a mark (…) at a side where it goes on out of
 * view: text results, psql's view, so that no line is cut without a sign. */
void draw_cut_line(const struct ui *u, int y, int x, int w, int skip, const char *s, attr_t a);
/* The same for a line of SQL: cls as draw_sql_runs takes it, the runs highlighted between the
 * marks. */
void draw_cut_sql(const struct ui *u, int y, int x, int w, int skip, const char *s, attr_t a,
		  const char *cls);
void draw_fill(int y, int x, int w, attr_t a);
/* A box with a title in its top border and a footer at the right of its bottom border. */
void draw_box(const struct ui *u, struct rect r, const char *title, const char *footer);

#endif
