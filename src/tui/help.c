/* help.c — the F1 help overlay: the keys and the commands laid out for the terminal's width
 * (a key's words wrap under its description, commands in as many columns as fit), and scrolled
 * with its own keys when taller than the screen, saying where it is ("lines 1-20 of 31").
 * Drawing thread only. */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "tui/paint.h"
#include "tui/ui.h"

#define HELP_LINES 128
#define KEYW 13                 /* the key column, and the indent of a description's next lines */

static const char *const keys[] = {
	"Enter        run a command, or SQL once it ends with ';'",
	"Ctrl-C       cancel the running command, or clear the line",
	"Tab          complete commands, tables, columns, queries, files",
	"Up/Down      an unfinished statement's lines, else history; Ctrl-R searches",
	"PgUp/PgDn    scroll the result;  Shift-Left/Right: sideways, half a pane",
	"Esc, F6      browse the result (q or i back): arrows, PgUp/PgDn, g/G, Home/End",
	"/ ? n N      search;  x or Enter: record;  s/S sort;  c chart;  [ ] results",
	"w            why: where the row under the cursor came from",
	"F            profile the cursor column; Enter on a top value filters to it",
	"| &          filter on the cursor column (text, = > < VALUE, is null, ~ RE); u drops the last",
	"- < > =      hide the cursor column, move it left/right, show all columns",
	"P  y Y v     pivot 3 columns;  copy cell, row, v..y range (OSC 52; copy-to FILE)",
	"mouse        wheel scrolls; click: pane, cell; header: sort (set mouse off)",
	"F2           catalog tree: Enter/Right open (a table: its rows), Left close, d \\d, type filters",
	"F7/F8        scroll the log (also Shift-PgUp/PgDn)",
	"F9           the result takes the screen (layout focus), again: back",
	"F1           this help;  quit, q or Ctrl-D leaves",
};

struct help_line {
	char text[256];
	enum theme_el el;
};

/* The box's width for a terminal COLS wide: the whole screen less a margin, at most 100. */
static int help_width(int cols)
{
	return cols - 4 > 100 ? 100 : cols - 4;
}

/* s word-wrapped to w columns into out from *n; the lines after the first start `indent`
 * blanks in (help text is ASCII: a byte is a column). */
static void wrap_into(struct help_line *out, int *n, const char *s, int w, int indent,
		      enum theme_el el)
{
	int first = 1;

	while (*s && *n < HELP_LINES) {
		int pad = first ? 0 : indent, room = w - pad, len = (int)strlen(s), cut = len;

		if (room < 8)
			room = 8;
		if (len > room) {       /* the last blank that keeps the line within room */
			cut = room;
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = room;
		}
		snprintf(out[*n].text, sizeof out[*n].text, "%*s%.*s", pad, "", cut, s);
		out[(*n)++].el = el;
		s += cut;
		while (*s == ' ')
			s++;
		first = 0;
	}
}

/* Every line of the help for a box w columns wide (text w - 4); returns how many. */
static int help_lines(struct help_line *out, int w)
{
	int n = 0, tw = w - 4, ncmd = 0;

	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		wrap_into(out, &n, keys[i], tw, KEYW, EL_NORMAL);
	out[n].text[0] = '\0';
	out[n++].el = EL_NORMAL;
	wrap_into(out, &n, "Commands (help NAME explains one; anything else is SQL):", tw, 2, EL_TITLE);
	while (cmd_table[ncmd])
		ncmd++;
	/* commands by name in columns, as many as fit, read down the columns */
	int colw = KEYW, per_row = tw / colw > 0 ? tw / colw : 1;
	int rows = (ncmd + per_row - 1) / per_row;
	for (int row = 0; row < rows && n < HELP_LINES; row++) {
		char *t = out[n].text;
		size_t len = 0;
		t[0] = '\0';
		for (int c = 0; c < per_row; c++) {
			int i = row + c * rows;
			if (i < ncmd && len < sizeof out[n].text)
				len += (size_t)snprintf(t + len, sizeof out[n].text - len, "%-*s",
							c + 1 < per_row ? colw : 0, cmd_table[i]->name);
		}
		out[n++].el = EL_HEADER;
	}
	return n;
}

void help_draw(struct ui *u)
{
	static struct help_line lines[HELP_LINES];
	int w = help_width(COLS), n = help_lines(lines, w);
	int h = n + 2 > LINES - 2 ? LINES - 2 : n + 2, rows = h - 2;
	char foot[128];

	if (rows < 1)
		return;
	if (u->help_top > n - rows)
		u->help_top = n - rows;
	if (u->help_top < 0)
		u->help_top = 0;
	if (n > rows)           /* more than the screen: where, and how to see the rest */
		snprintf(foot, sizeof foot, "lines %d-%d of %d%s  j/k PgDn End  q closes", u->help_top + 1,
			 u->help_top + rows, n, u->help_top + rows < n ? (u->utf8 ? "  ↓ more" : "  v more")
			 : "");
	else
		snprintf(foot, sizeof foot, "any key closes");
	struct rect r = { (LINES - h) / 2, (COLS - w) / 2, h, w };
	draw_box(u, r, "Help", foot);
	for (int i = 0; i < rows && u->help_top + i < n; i++)
		draw_put(u, r.y + 1 + i, r.x + 2, w - 4, 0, lines[u->help_top + i].text,
			 draw_style(u, lines[u->help_top + i].el));
	if (u->help_top > 0)    /* lines above too: a sign at the top right */
		draw_put(u, r.y, r.x + w - 10, 8, 0, u->utf8 ? " ↑ more " : " ^ more ",
			 draw_style(u, EL_BORDER));
}

/* A key while the help is up: its scroll keys move it when it is taller than the screen;
 * any other key closes it. */
void help_key(struct ui *u, int c)
{
	static struct help_line lines[HELP_LINES];
	int n = help_lines(lines, help_width(COLS)), h = n + 2 > LINES - 2 ? LINES - 2 : n + 2;
	int rows = h - 2 > 1 ? h - 2 : 1, page = rows > 1 ? rows - 1 : 1;

	if (n <= rows) {
		u->help = false;
		return;
	}
	switch (c) {
	case KEY_DOWN: case 'j': case '\n': case '\r': case KEY_ENTER: u->help_top++; break;
	case KEY_UP: case 'k': u->help_top--; break;
	case KEY_NPAGE: case ' ': case 'f': u->help_top += page; break;
	case KEY_PPAGE: case 'b': u->help_top -= page; break;
	case KEY_HOME: case 'g': u->help_top = 0; break;
	case KEY_END: case 'G': u->help_top = n; break;
	default: u->help = false; return;
	}
	if (u->help_top > n - rows)
		u->help_top = n - rows;
	if (u->help_top < 0)
		u->help_top = 0;
}
