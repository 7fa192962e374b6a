/* textesc.c — control characters and broken UTF-8 made visible (see textesc.h). */
#include "base/textesc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (with its code point), or 0 when it is not one:
 * bad lead, missing continuation, overlong form, surrogate or beyond U+10FFFF. */
static int utf8_seq(const unsigned char *s, unsigned *cp)
{
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	int len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
		: (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	unsigned c;

	if (len <= 1) {
		*cp = s[0];
		return len;
	}
	c = s[0] & (0x7F >> len);
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* One step: how many input bytes, and the visible form in out (empty = copy them as is). */
static int step(const unsigned char *s, int flags, char out[8])
{
	unsigned cp;
	int len = utf8_seq(s, &cp);

	out[0] = '\0';
	if (len == 0) {
		snprintf(out, 8, "\\x%02x", s[0]);
		return 1;
	}
	if ((cp == '\n' && (flags & TEXTESC_KEEP_NL)) || (cp == '\t' && (flags & TEXTESC_KEEP_TAB)))
		return len;
	if (cp < 0x20 || cp == 0x7F)
		snprintf(out, 8, "\\x%02x", cp);
	else if (cp >= 0x80 && cp <= 0x9F)
		snprintf(out, 8, "\\u%04x", cp);
	return len;
}

bool textesc_needed(const char *str, int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	char out[8];

	while (*s) {
		if (*s >= 0x20 && *s < 0x7F) {     /* printable ASCII: the fast path */
			s++;
			continue;
		}
		s += step(s, flags, out);
		if (out[0])
			return true;
	}
	return false;
}

size_t textesc(char *buf, size_t n, const char *str, int flags)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t o = 0;
	char out[8];

	while (*s) {
		int len = step(s, flags, out);
		const char *piece = out[0] ? out : (const char *)s;
		size_t plen = out[0] ? strlen(out) : (size_t)len;

		for (size_t i = 0; i < plen; i++, o++)
			if (o + 1 < n)
				buf[o] = piece[i];
		s += len;
	}
	if (n > 0)
		buf[o < n ? o : n - 1] = '\0';
	return o;
}

char *textesc_dup(const char *s, int flags)
{
	size_t need = textesc(NULL, 0, s, flags) + 1;
	char *p = malloc(need);

	if (p)
		textesc(p, need, s, flags);
	return p;
}
