/* test_theme.c — theme files: parsing, errors with line numbers, colour approximation, and
 * the shipped themes. */
#include "t.h"

#include <stdlib.h>
#include <string.h>

#include "tui/theme.h"

TEST(theme_parses_names_numbers_rgb_and_attributes)
{
	struct theme t;
	struct dwh_err e;
	const char *text = "# a comment\n"
			   "normal = white, black\n"
			   "error  = #ff0000, default, bold, underline   # inline comment\n"
			   "\n"
			   "header = 33, bright_blue, reverse\n";

	CHECK_INT(theme_parse(text, "t.theme", "t", &t, &e), 0);
	CHECK_STR(t.name, "t");
	CHECK_INT(t.el[EL_NORMAL].fg.kind, TC_INDEX);
	CHECK_INT(t.el[EL_NORMAL].fg.index, 7);
	CHECK_INT(t.el[EL_NORMAL].bg.index, 0);
	CHECK_INT(t.el[EL_ERROR].fg.kind, TC_RGB);
	CHECK_INT(t.el[EL_ERROR].fg.r, 255);
	CHECK_INT(t.el[EL_ERROR].fg.g, 0);
	CHECK_INT(t.el[EL_ERROR].bg.kind, TC_DEFAULT);
	CHECK_INT(t.el[EL_ERROR].attrs, TA_BOLD | TA_UNDERLINE);
	CHECK_INT(t.el[EL_HEADER].fg.index, 33);
	CHECK_INT(t.el[EL_HEADER].bg.index, 12);
	CHECK_INT(t.el[EL_HEADER].attrs, TA_REVERSE);
	/* unset elements look like `normal` */
	CHECK_INT(t.el[EL_TITLE].fg.index, 7);
	CHECK_INT(t.el[EL_TITLE].bg.index, 0);
}

TEST(theme_errors_name_the_file_and_line)
{
	struct theme t;
	struct dwh_err e;

	memset(&t, 0, sizeof t);
	CHECK_INT(theme_parse("normal = white, black\n\nerror = purpel, default\n", "x.theme", "x",
			      &t, &e), -1);
	CHECK_STR(e.msg, "x.theme:3: unknown colour 'purpel'");
	CHECK_STR(t.name, "");  /* untouched */
	CHECK_INT(theme_parse("normal = white\nbogus = red\n", "y.theme", "y", &t, &e), -1);
	CHECK_STR(e.msg, "y.theme:2: unknown element 'bogus'");
	CHECK_INT(theme_parse("normal white\n", "z.theme", "z", &t, &e), -1);
	CHECK_CONTAINS(e.msg, "z.theme:1: expected");
	CHECK_INT(theme_parse("title = red, blue, sparkly\n", "w.theme", "w", &t, &e), -1);
	CHECK_STR(e.msg, "w.theme:1: unknown attribute 'sparkly'");
	CHECK_INT(theme_parse("title = #12345g\n", "v.theme", "v", &t, &e), -1);
	CHECK_CONTAINS(e.msg, "v.theme:1: unknown colour");
}

TEST(theme_colours_approximate_to_the_terminal)
{
	struct tcolor red = { .kind = TC_RGB, .r = 255, .g = 0, .b = 0 };
	struct tcolor grey = { .kind = TC_RGB, .r = 0x6c, .g = 0x6c, .b = 0x6c };
	struct tcolor idx = { .kind = TC_INDEX, .index = 196 };
	struct tcolor bright = { .kind = TC_INDEX, .index = 12 };
	struct tcolor def = { .kind = TC_DEFAULT };

	CHECK_INT(tcolor_resolve(&red, 256), 196);
	CHECK_INT(tcolor_resolve(&red, 16), 9);
	CHECK_INT(tcolor_resolve(&red, 8), 1);
	CHECK_INT(tcolor_resolve(&grey, 256), 242);
	CHECK_INT(tcolor_resolve(&idx, 256), 196);
	CHECK_INT(tcolor_resolve(&idx, 8), 1);
	CHECK_INT(tcolor_resolve(&bright, 16), 12);
	CHECK_INT(tcolor_resolve(&bright, 8), 4);
	CHECK_INT(tcolor_resolve(&def, 256), -1);
	CHECK_INT(tcolor_resolve(&red, 0), -1);        /* monochrome */
}

TEST(theme_shipped_files_parse_and_dusk_matches_the_builtin)
{
	const char *names[] = { "dusk", "light", "contrast", "mono", "projector" };
	struct theme t, builtin;
	struct dwh_err e;
	char *list[64];
	int n;

	setenv("DWH_THEMEDIR", "themes", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	for (int i = 0; i < 5; i++) {
		int rc = theme_load(names[i], &t, &e);
		CHECK_INT(rc, 0);
		if (rc)
			printf("    %s\n", e.msg);
		CHECK_STR(t.name, names[i]);
	}
	theme_load("dusk", &t, &e);
	theme_default(&builtin);
	CHECK(memcmp(t.el, builtin.el, sizeof t.el) == 0);
	theme_load("mono", &t, &e);
	theme_mono(&builtin);
	CHECK(memcmp(t.el, builtin.el, sizeof t.el) == 0);
	n = theme_list(list, 64);
	CHECK(n >= 4);
	char joined[512] = "";
	for (int i = 0; i < n; i++)
		strcat(strcat(joined, list[i]), " ");
	CHECK_CONTAINS(joined, "contrast dusk light mono projector");
	theme_list_free(list, n);
	CHECK_INT(theme_load("no-such-theme", &t, &e), -1);
	CHECK_CONTAINS(e.msg, "no theme 'no-such-theme'");
}

TEST(theme_user_dir_wins_and_broken_files_report_their_line)
{
	struct theme t;
	struct dwh_err e;
	char dir[] = "/tmp/dwh-unit-theme-XXXXXX", path[256];
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/dwh", dir);
	{
		char sub[256];
		snprintf(sub, sizeof sub, "mkdir -p %s/dwh/themes", dir);
		CHECK_INT(system(sub), 0);
	}
	snprintf(path, sizeof path, "%s/dwh/themes/mine.theme", dir);
	f = fopen(path, "w");
	fputs("normal = green, black\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/dwh/themes/broken.theme", dir);
	f = fopen(path, "w");
	fputs("# ok\nnormal = green, black\ntitle = red, blue, bold\nprompt = chartreuse\n", f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("DWH_THEMEDIR", "themes", 1);
	CHECK_INT(theme_load("mine", &t, &e), 0);
	CHECK_INT(t.el[EL_NORMAL].fg.index, 2);
	CHECK_INT(theme_load("broken", &t, &e), -1);
	CHECK_CONTAINS(e.msg, "broken.theme:4: unknown colour 'chartreuse'");
	/* a binary file whose first line is a comment: not a theme, however little it parses */
	snprintf(path, sizeof path, "%s/dwh/themes/binary.theme", dir);
	f = fopen(path, "w");
	fwrite("# ok\n\0\x01\xfe", 1, 8, f);
	fclose(f);
	CHECK_INT(theme_load("binary", &t, &e), -1);
	CHECK_CONTAINS(e.msg, "binary.theme: not a theme (a NUL byte at offset 5)");
	char rm[300];
	snprintf(rm, sizeof rm, "rm -rf %s", dir);
	CHECK_INT(system(rm), 0);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
}
