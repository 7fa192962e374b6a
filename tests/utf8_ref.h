/* utf8_ref.h — a second, independent UTF-8 check (decoding the code point, where
 * src/load/utf8.c compares lead bytes), so the unit tests and the fuzzer judge copy_row's
 * output by other means than its own. */
#ifndef DWH_TESTS_UTF8_REF_H
#define DWH_TESTS_UTF8_REF_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (n > 0 bytes), 0 when invalid. */
static inline size_t utf8_ref_len(const unsigned char *s, size_t n)
{
	static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned cp, len;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xE0) == 0xC0) { len = 2; cp = s[0] & 0x1F; }
	else if ((s[0] & 0xF0) == 0xE0) { len = 3; cp = s[0] & 0x0F; }
	else if ((s[0] & 0xF8) == 0xF0) { len = 4; cp = s[0] & 0x07; }
	else return 0;
	if (n < len)
		return 0;
	for (unsigned i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

#endif
