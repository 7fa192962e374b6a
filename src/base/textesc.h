/* textesc.h — data never drives the terminal: THE helper every front end uses to show text
 * from the data (cells, file names, error messages quoting a record) on a terminal. Control
 * characters are shown visibly as pspg does — ESC becomes the four characters `\x1b` — so a
 * value holding `ESC ]0;...` cannot retitle the terminal or `ESC [2J` clear it. Files and
 * pipes get the exact bytes: callers escape only when the output is a terminal.
 *
 * Escaped: C0 controls (0x00-0x1F) and DEL as \xHH; C1 controls (U+0080-U+009F, which some
 * terminals obey as CSI/OSC) as \u0080; bytes that are not valid UTF-8 as \xHH. Everything
 * else, wide characters included, passes unchanged. Pure functions, no locale, no curses. */
#ifndef DWH_TEXTESC_H
#define DWH_TEXTESC_H

#include <stdbool.h>
#include <stddef.h>

enum textesc_flags {
	TEXTESC_KEEP_NL  = 1,   /* leave '\n' as a line break (messages, multi-line cells) */
	TEXTESC_KEEP_TAB = 2,   /* leave '\t' */
};

/* Whether s holds anything textesc would change (the common answer, no, costs one scan). */
bool textesc_needed(const char *s, int flags);

/* s escaped into buf (always NUL-terminated when n > 0); returns the length the whole
 * escaped text needs, as snprintf does. */
size_t textesc(char *buf, size_t n, const char *s, int flags);

/* s escaped, malloc'd (the caller frees); NULL only when out of memory. */
char *textesc_dup(const char *s, int flags);

#endif
