/* paint.c — the painting primitives every pane is drawn with: a theme element's curses
 * attributes and colour pairs, UTF-8 text clipped to a width and escaped, blank runs, boxes.
 * What goes where on the screen is draw.c's (and grid.c's, tour_ui.c's, focus.c's for their
 * panes). Drawing thread only. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sqlscan.h"
#include "base/textesc.h"
#include "tui/paint.h"
#include "tui/ui.h"

attr_t draw_style(const struct ui *u, enum theme_el el)
{
	unsigned a = u->theme.el[el].attrs;
	attr_t r = u->ncolors ? COLOR_PAIR(el + 1) : 0;

	if (a & TA_BOLD) r |= A_BOLD;
	if (a & TA_DIM) r |= A_DIM;
	if (a & TA_UNDERLINE) r |= A_UNDERLINE;
	if (a & TA_REVERSE) r |= A_REVERSE;
	if (a & TA_BLINK) r |= A_BLINK;
#ifdef A_ITALIC
	if (a & TA_ITALIC) r |= A_ITALIC;
#endif
	return r;
}

void draw_apply_theme(struct ui *u)
{
	if (u->ncolors) {
		for (int i = 0; i < EL_COUNT; i++) {
			int fg = tcolor_resolve(&u->theme.el[i].fg, u->ncolors);
			int bg = tcolor_resolve(&u->theme.el[i].bg, u->ncolors);
			init_pair((short)(i + 1), (short)fg, (short)bg);
		}
	}
	bkgdset(draw_style(u, EL_NORMAL) | ' ');
	model_lock(&u->m);
	snprintf(u->m.theme_name, sizeof u->m.theme_name, "%s", u->theme.name);
	model_unlock(&u->m);
}

/* Draw UTF-8 text at (y, x), skipping `skip` display columns and using at most `maxw`.
 * Control characters and broken UTF-8 show escaped (`\x1b`, textesc.h). Returns the
 * columns used. */
int draw_put(const struct ui *u, int y, int x, int maxw, int skip, const char *text, attr_t a)
{
	int col = 0, used = 0;
	char one[8];
	char *esc = textesc_needed(text, 0) ? textesc_dup(text, 0) : NULL;
	const char *s = esc ? esc : text;

	attrset(a);
	move(y, x);
	while (*s && used < maxw) {
		const char *start = s;
		int n = 1;
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80)
			while ((s[n] & 0xC0) == 0x80 && n < 4)
				n++;
		s += n;
		memcpy(one, start, (size_t)n);
		one[n] = '\0';
		int w = c < 0x80 ? 1 : model_width(one);
		if (col + w <= skip) {
			col += w;
			continue;
		}
		if (col < skip || used + w > maxw) {    /* a wide character cut in half */
			col += w;
			addch(' ');
			used++;
			continue;
		}
		col += w;
		if (c >= 0x80 && !u->utf8)
			addch('?');
		else
			addnstr(start, n);
		used += w;
	}
	free(esc);
	return used;
}

/* The bytes of s's first `cols` display columns (a wide character that would cross stays out). */
static size_t head_bytes(const char *s, int cols)
{
	const char *p = s;
	int w = 0;

	while (*p) {
		int n = 1;
		char one[8];
		if ((unsigned char)*p >= 0x80)
			while ((p[n] & 0xC0) == 0x80 && n < 4)
				n++;
		memcpy(one, p, (size_t)n);
		one[n] = '\0';
		if (w + model_width(one) > cols)
			break;
		w += model_width(one);
		p += n;
	}
	return (size_t)(p - s);
}

/* Cut UTF-8 text in place to at most maxw display columns, ending in an ellipsis if cut. */
void draw_clip(char *s, int maxw, bool utf8)
{
	if (model_width(s) <= maxw)
		return;
	strcpy(s + head_bytes(s, maxw - 1), maxw > 0 ? (utf8 ? "…" : "~") : "");
}

/* Cut a file path in place to at most maxw display columns by taking out its middle, so that
 * both where it is and the name of the file show: /tmp/…/2018-12-03-events.json. The file's
 * name is kept whole when it fits with a few columns of the start. */
void draw_clip_middle(char *s, int maxw, bool utf8)
{
	int w = model_width(s);
	const char *mark = utf8 ? "…" : "~", *slash = strrchr(s, '/');

	if (w <= maxw)
		return;
	if (maxw < 3) {
		draw_clip(s, maxw, utf8);
		return;
	}
	int room = maxw - 1, tailw = room - room / 2;
	int namew = slash ? model_width(slash) : 0;       /* "/name.json" */
	if (namew > tailw && namew <= room - 4)
		tailw = namew;
	/* the tail: skip from the front until what is left is at most tailw columns */
	const char *t = s + head_bytes(s, w - tailw);
	if (model_width(t) > tailw && *t)   /* a wide character on the edge: one more step */
		t += head_bytes(t, 1) ? head_bytes(t, 1) : 1;
	/* cut on the path's own joints where they are near: …/2018/12/name.json, /tmp/… */
	const char *j = t;
	while (*j && *j != '/')
		j++;
	if (*j == '/' && (!slash || j <= slash) && j - t < 16)
		t = j;
	size_t hb = head_bytes(s, room - model_width(t)), tl = strlen(t);
	size_t joint = hb;
	while (joint > 1 && s[joint - 1] != '/')
		joint--;
	if (joint > 1 && hb - joint < 16)
		hb = joint;
	memmove(s + hb + strlen(mark), t, tl + 1);
	memcpy(s + hb, mark, strlen(mark));
}

/* A line of text from display column skip in w columns, with a mark at each side where the
 * line goes on out of view (… in the first column: more to the left; in the last: more to the
 * right), so that no line is cut without a sign. */
/* draw_cut_line's geometry: the marks drawn, and (x, w, skip) narrowed to the text between. */
static void cut_marks(const struct ui *u, int y, int *x, int *w, int *skip, const char *s)
{
	int lw = model_width(s);

	if (*w < 3)
		return;
	if (*skip > 0 && lw > 0) {
		draw_put(u, y, *x, 1, 0, u->utf8 ? "…" : "<", draw_style(u, EL_NOTICE));
		(*x)++, (*w)--, (*skip)++;
	}
	if (lw - *skip > *w) {
		(*w)--;
		draw_put(u, y, *x + *w, 1, 0, u->utf8 ? "…" : ">", draw_style(u, EL_NOTICE));
	}
}

void draw_cut_line(const struct ui *u, int y, int x, int w, int skip, const char *s, attr_t a)
{
	cut_marks(u, y, &x, &w, &skip, s);
	draw_put(u, y, x, w, skip, s, a);
}

void draw_cut_sql(const struct ui *u, int y, int x, int w, int skip, const char *s, attr_t a,
		  const char *cls)
{
	cut_marks(u, y, &x, &w, &skip, s);
	draw_put(u, y, x, w, skip, s, a);
	draw_sql_runs(u, y, x, w, skip, s, cls);
}

void draw_fill(int y, int x, int w, attr_t a)
{
	attrset(a);
	mvhline(y, x, ' ', w);
}

int draw_text(struct ui *u, int y, int x, int w, int skip, const char *s, enum theme_el el)
{
	int used;

	if (w <= 0)
		return 0;
	draw_fill(y, x, w, draw_style(u, el));
	used = draw_put(u, y, x, w, skip, s, draw_style(u, el));
	attrset(draw_style(u, EL_NORMAL));
	return used;
}

void draw_box(const struct ui *u, struct rect r, const char *title, const char *footer)
{
	attr_t b = draw_style(u, EL_BORDER);

	attrset(b);
	mvaddch(r.y, r.x, ACS_ULCORNER);
	mvhline(r.y, r.x + 1, ACS_HLINE, r.w - 2);
	mvaddch(r.y, r.x + r.w - 1, ACS_URCORNER);
	mvvline(r.y + 1, r.x, ACS_VLINE, r.h - 2);
	mvvline(r.y + 1, r.x + r.w - 1, ACS_VLINE, r.h - 2);
	mvaddch(r.y + r.h - 1, r.x, ACS_LLCORNER);
	mvhline(r.y + r.h - 1, r.x + 1, ACS_HLINE, r.w - 2);
	mvaddch(r.y + r.h - 1, r.x + r.w - 1, ACS_LRCORNER);
	for (int y = r.y + 1; y < r.y + r.h - 1; y++)
		draw_fill(y, r.x + 1, r.w - 2, draw_style(u, EL_NORMAL));
	if (title && r.w > 6) {
		char t[512];
		snprintf(t, sizeof t, " %s ", title);
		draw_put(u, r.y, r.x + 1, r.w - 4, 0, t, draw_style(u, EL_TITLE));
	}
	if (footer && r.w > 10) {
		int fw = model_width(footer) + 2;
		char t[256];
		snprintf(t, sizeof t, " %s ", footer);
		if (fw >= r.w - 4) {    /* too long: cut, with its mark, rather than left out */
			draw_clip(t, r.w - 6, u->utf8);
			fw = model_width(t);
		}
		if (fw < r.w - 4)
			draw_put(u, r.y + r.h - 1, r.x + r.w - 2 - fw, fw, 0, t, draw_style(u, EL_BORDER));
	}
}

static enum theme_el sql_el(char c)
{
	switch (c) {
	case SQLSCAN_KEYWORD: return EL_SQL_KEYWORD;
	case SQLSCAN_STRING: return EL_SQL_STRING;
	case SQLSCAN_NUMBER: return EL_SQL_NUMBER;
	case SQLSCAN_COMMENT: return EL_SQL_COMMENT;
	case SQLSCAN_VARIABLE: return EL_SQL_VARIABLE;
	default: return EL_SQL_META;
	}
}

void draw_sql_runs(const struct ui *u, int y, int x, int w, int skip, const char *text, const char *cls)
{
	size_t n = strlen(text);

	for (size_t a = 0, b; a < n; a = b) {
		for (b = a; b < n && cls[b] == cls[a]; b++)
			;
		if (!cls[a])
			continue;
		char *pre = strndup(text, a), *seg = strndup(text + a, b - a);
		int c0 = pre ? model_width(pre) : 0, sw = seg ? model_width(seg) : 0;

		if (seg && c0 + sw > skip && c0 - skip < w) {
			int sx = c0 >= skip ? c0 - skip : 0;

			draw_put(u, y, x + sx, w - sx, c0 >= skip ? 0 : skip - c0, seg, draw_style(u, sql_el(cls[a])));
		}
		free(pre);
		free(seg);
	}
}
