/* test_textesc.c — control characters and broken UTF-8 become visible text; everything else,
 * wide characters included, passes byte for byte. */
#include "t.h"

#include "base/textesc.h"

#include <stdlib.h>

static void check_esc(const char *in, int flags, const char *want, const char *file, int line)
{
	char *got = textesc_dup(in, flags);

	if (!got || strcmp(got, want))
		t_fail(file, line, "textesc(\"%s\") == \"%s\", want \"%s\"", in, got ? got : "(null)", want);
	if (textesc_needed(in, flags) != (strcmp(in, want) != 0))
		t_fail(file, line, "textesc_needed(\"%s\") wrong", want);
	free(got);
}
#define ESC(in, flags, want) check_esc(in, flags, want, __FILE__, __LINE__)

TEST(textesc_terminal_controls_visible)
{
	ESC("\033]0;owned\007title", 0, "\\x1b]0;owned\\x07title");
	ESC("a\033[2Jb", 0, "a\\x1b[2Jb");
	ESC("del\177", 0, "del\\x7f");
	ESC("\r\b\001", 0, "\\x0d\\x08\\x01");
	ESC("tab\there", 0, "tab\\x09here");
	ESC("line\nbreak", 0, "line\\x0abreak");
	ESC("line\nbreak\t", TEXTESC_KEEP_NL | TEXTESC_KEEP_TAB, "line\nbreak\t");
	ESC("csi\xc2\x9b" "2J", 0, "csi\\u009b2J");      /* U+009B, the 8-bit CSI */
}

TEST(textesc_text_untouched)
{
	ESC("", 0, "");
	ESC("plain ascii ~!", 0, "plain ascii ~!");
	ESC("Beyoncé 東京 🎵", 0, "Beyoncé 東京 🎵");
	ESC("\xc2\xa0nbsp", 0, "\xc2\xa0nbsp");
}

TEST(textesc_bad_utf8_visible)
{
	ESC("\xff", 0, "\\xff");
	ESC("a\x9b" "b", 0, "a\\x9bb");                 /* a lone C1 byte, CSI to 8-bit terminals */
	ESC("\xc3", 0, "\\xc3");                        /* cut short at the end */
	ESC("\xc3(", 0, "\\xc3(");
	ESC("\xc0\xaf", 0, "\\xc0\\xaf");               /* overlong '/' */
	ESC("\xed\xa0\x80", 0, "\\xed\\xa0\\x80");      /* a surrogate */
	ESC("\xf4\x90\x80\x80", 0, "\\xf4\\x90\\x80\\x80");
}

TEST(textesc_buffer_like_snprintf)
{
	char buf[6];

	CHECK_INT(textesc(buf, sizeof buf, "ab\033cd", 0), 8);
	CHECK_STR(buf, "ab\\x1");
	CHECK_INT(textesc(NULL, 0, "\033", 0), 4);
	CHECK_INT(textesc(buf, 1, "xyz", 0), 3);
	CHECK_STR(buf, "");
}
