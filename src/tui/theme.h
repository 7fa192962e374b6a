/* theme.h — console colour themes as data: `element = fg, bg, attributes` lines, colours by
 * name, number or #rrggbb, approximated to what the terminal has. No curses here, so the
 * parser and the colour maths are unit-tested without a terminal. */
#ifndef DWH_TUI_THEME_H
#define DWH_TUI_THEME_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

/* Every element a theme may colour; THEME_ELEMENTS in theme.c lists their names. */
enum theme_el {
	EL_NORMAL, EL_STATUSBAR, EL_STATUS_OK, EL_STATUS_BUSY, EL_STATUS_BAD, EL_BORDER, EL_TITLE,
	EL_HEADER, EL_NULL, EL_PROMPT, EL_TIME, EL_INFO, EL_WARN, EL_ERROR, EL_PENDING, EL_RUNNING,
	EL_DONE, EL_FAILED, EL_CANCELLED, EL_PROGRESS, EL_PROGRESS_EMPTY, EL_NOTICE,
	EL_FOCUS, EL_CURSOR, EL_CURSOR_ROW, EL_CURSOR_COL, EL_MATCH, EL_SERIES1, EL_SERIES2, EL_SERIES3,
	EL_SERIES4,
	/* SQL highlighted in the prompt (sqlscan_classes) */
	EL_SQL_KEYWORD, EL_SQL_STRING, EL_SQL_NUMBER, EL_SQL_COMMENT, EL_SQL_VARIABLE, EL_SQL_META,
	EL_COUNT
};

enum tcolor_kind { TC_DEFAULT, TC_INDEX, TC_RGB };

struct tcolor {
	enum tcolor_kind kind;
	int index;              /* TC_INDEX: 0..255 (0..15 are the named ANSI colours) */
	unsigned char r, g, b;  /* TC_RGB */
};

enum { TA_BOLD = 1, TA_DIM = 2, TA_UNDERLINE = 4, TA_REVERSE = 8, TA_ITALIC = 16, TA_BLINK = 32 };

struct theme_style {
	struct tcolor fg, bg;
	unsigned attrs;
	bool set;               /* given in the file (unset elements inherit from `normal`) */
};

struct theme {
	char name[64];
	struct theme_style el[EL_COUNT];
};

/* Parse theme text. On error returns -1 with e = "<origin>:<line>: <why>" and t untouched. */
int theme_parse(const char *text, const char *origin, const char *name, struct theme *t,
		struct dwh_err *e);
/* The built-in default (`dusk`) and monochrome (`mono`) themes; they need no files. */
void theme_default(struct theme *t);
void theme_mono(struct theme *t);
#define THEME_DEFAULT "dusk"

/* Find and load a theme by name: a path when it holds '/', else NAME.theme in
 * $XDG_CONFIG_HOME/dwh/themes (~/.config/dwh/themes) then the shipped themes directory.
 * The built-in names work without files. -1 with e set when missing or broken. */
int theme_load(const char *name, struct theme *t, struct dwh_err *e);
/* Names of available themes, sorted and unique, into names[max] (malloc'd strings; free with
 * theme_list_free). Returns the count. */
int theme_list(char **names, int max);
void theme_list_free(char **names, int n);

/* Terminal colour number for c on a terminal with `ncolors` colours: -1 for the default
 * colour, an index < ncolors otherwise (nearest match for #rrggbb and high indexes). */
int tcolor_resolve(const struct tcolor *c, int ncolors);

#endif
