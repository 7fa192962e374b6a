/* dump.c — reading the painted screen back as text, for `screenshot` and DWH_SCREEN_DUMP:
 * what the curses screen holds, never what the model says, so a test sees what a user sees.
 * Drawing thread only. */
#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <wchar.h>

#include "tui/ui.h"

static size_t utf8_put(char *out, wchar_t wc)
{
	unsigned c = (unsigned)wc;

	if (c < 0x80)
		return out[0] = (char)c, 1;
	if (c < 0x800)
		return out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F)), 2;
	if (c < 0x10000)
		return out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | ((c >> 6) & 0x3F)),
		       out[2] = (char)(0x80 | (c & 0x3F)), 3;
	return out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | ((c >> 12) & 0x3F)),
	       out[2] = (char)(0x80 | ((c >> 6) & 0x3F)), out[3] = (char)(0x80 | (c & 0x3F)), 4;
}

/* One screen row as UTF-8; `title` drops line-drawing and leading blanks (a border's title). */
static void dump_row_as(int y, int x, int w, FILE *f, bool title)
{
	char out[4096];
	size_t len = 0;

	for (int i = 0; i < w && len + 8 < sizeof out; i++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a;
		short pair;

		if (mvin_wch(y, x + i, &cc) == ERR)
			break;
		if (getcchar(&cc, wch, &a, &pair, NULL) == ERR || wch[0] == 0)
			continue;       /* the right half of a wide character */
		chtype ch = mvinch(y, x + i);
		chtype c8 = ch & A_CHARTEXT;
		/* Line-drawing characters read back as their ACS letters; keep them readable. */
		if ((ch & A_ALTCHARSET) && title)
			continue;
		if (title && len == 0 && wch[0] == L' ')
			continue;
		if (ch & A_ALTCHARSET)
			wch[0] = c8 == 'q' ? L'-' : c8 == 'x' ? L'|' : L'+';
		size_t n = utf8_put(out + len, wch[0]);
		out[len + n] = '\0';
		if (model_width(out + len) == 2)
			i++;    /* the next cell is this character's right half */
		len += n;
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	fprintf(f, "%.*s\n", (int)len, out);
}

static void dump_row(int y, int x, int w, FILE *f)
{
	dump_row_as(y, x, w, f, false);
}

void dump_pane(struct ui *u, enum pane p, FILE *f)
{
	struct rect r = u->lay.pane[p];
	int in = pane_boxed(p) ? 1 : 0;

	for (int y = r.y + in; y < r.y + r.h - in; y++)
		dump_row(y, r.x + in, r.w - 2 * in, f);
}

int dump_screen(struct ui *u, const char *path)
{
	char tmp[4200];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if (!(f = fopen(tmp, "w")))
		return -1;
	fprintf(f, "== size == %dx%d\n", COLS, LINES);
	if (u->lay.too_small) {
		fprintf(f, "== notice ==\n");
		dump_row(0, 0, COLS, f);
	} else {
		for (int p = 0; p < PANE_COUNT; p++) {
			struct rect r = u->lay.pane[p];
			fprintf(f, "== %s ==\n", pane_name((enum pane)p));
			if (pane_boxed((enum pane)p) && r.h > 0) {  /* the title is in the top border */
				fprintf(f, "# ");
				dump_row_as(r.y, r.x + 1, r.w - 2, f, true);
			}
			dump_pane(u, (enum pane)p, f);
		}
	}
	/* The whole screen as rows, to compare with what a terminal shows (tmux capture-pane). */
	fprintf(f, "== screen ==\n");
	for (int y = 0; y < LINES; y++)
		dump_row(y, 0, COLS, f);
	/* Written whole then renamed, so a test never reads half a dump. */
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		int e = errno;
		remove(tmp);
		errno = e;
		return -1;
	}
	return 0;
}
