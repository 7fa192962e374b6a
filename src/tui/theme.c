/* theme.c — parsing theme files, finding them (user dir, then shipped), and approximating
 * #rrggbb colours on 8/16/256-colour terminals. */
#include "base/config.h"
#include "tui/theme.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/fsutil.h"

static const char *const el_names[EL_COUNT] = {
	[EL_NORMAL] = "normal", [EL_STATUSBAR] = "statusbar", [EL_STATUS_OK] = "status_ok",
	[EL_STATUS_BUSY] = "status_busy", [EL_STATUS_BAD] = "status_bad", [EL_BORDER] = "border",
	[EL_TITLE] = "title", [EL_HEADER] = "header", [EL_NULL] = "null", [EL_PROMPT] = "prompt",
	[EL_TIME] = "time", [EL_INFO] = "info", [EL_WARN] = "warn", [EL_ERROR] = "error",
	[EL_PENDING] = "pending", [EL_RUNNING] = "running", [EL_DONE] = "done",
	[EL_FAILED] = "failed", [EL_CANCELLED] = "cancelled", [EL_PROGRESS] = "progress",
	[EL_PROGRESS_EMPTY] = "progress_empty", [EL_NOTICE] = "notice",
	[EL_FOCUS] = "focus", [EL_CURSOR] = "cursor", [EL_CURSOR_ROW] = "cursor_row",
	[EL_CURSOR_COL] = "cursor_col", [EL_MATCH] = "match", [EL_SERIES1] = "series1",
	[EL_SERIES2] = "series2", [EL_SERIES3] = "series3", [EL_SERIES4] = "series4",
	[EL_SQL_KEYWORD] = "sql_keyword", [EL_SQL_STRING] = "sql_string", [EL_SQL_NUMBER] = "sql_number",
	[EL_SQL_COMMENT] = "sql_comment", [EL_SQL_VARIABLE] = "sql_variable", [EL_SQL_META] = "sql_meta",
};

/* The shipped default, compiled in so the console has colours even without themes/. The
 * file themes/dusk.theme holds the same text (a unit test keeps them equal). */
static const char dusk_text[] =
	"normal         = default, default\n"
	"statusbar      = #e4e4e4, #303a4f\n"
	"status_ok      = #87d787, #303a4f, bold\n"
	"status_busy    = #ffd75f, #303a4f, bold\n"
	"status_bad     = #ff5f5f, #303a4f, bold\n"
	"border         = #5f6f8f, default\n"
	"title          = #d7af5f, default, bold\n"
	"header         = #87afd7, default, bold, underline\n"
	"null           = #6c6c6c, default, italic\n"
	"prompt         = #87d787, default, bold\n"
	"time           = #6c6c6c, default\n"
	"info           = default, default\n"
	"warn           = #ffd75f, default\n"
	"error          = #ff5f5f, default, bold\n"
	"pending        = #6c6c6c, default\n"
	"running        = #5fafff, default, bold\n"
	"done           = #87d787, default\n"
	"failed         = #ff5f5f, default, bold\n"
	"cancelled      = #ffaf5f, default\n"
	"progress       = #5fafff, default\n"
	"progress_empty = #3a3a3a, default\n"
	"notice         = #ffd75f, default, bold\n"
	"focus          = #d7af5f, default, bold\n"
	"cursor         = #1c1c1c, #d7af5f, bold\n"
	"cursor_row     = default, #303a4f\n"
	"cursor_col     = default, #262626\n"
	"match          = #1c1c1c, #87d787\n"
	"series1        = #5fafff, default\n"
	"series2        = #ffaf5f, default\n"
	"series3        = #87d787, default\n"
	"series4        = #d787d7, default\n"
	"sql_keyword    = #87afd7, default, bold\n"
	"sql_string     = #d7af5f, default\n"
	"sql_number     = #af87d7, default\n"
	"sql_comment    = #6c6c6c, default, italic\n"
	"sql_variable   = #87d787, default\n"
	"sql_meta       = #5fafff, default, bold\n";

static const char mono_text[] =
	"normal = default, default\n"
	"statusbar = default, default, reverse\n"
	"status_ok = default, default, reverse, bold\n"
	"status_busy = default, default, reverse, bold\n"
	"status_bad = default, default, reverse, bold, underline\n"
	"title = default, default, bold\n"
	"header = default, default, bold, underline\n"
	"null = default, default, dim\n"
	"prompt = default, default, bold\n"
	"time = default, default, dim\n"
	"warn = default, default, bold\n"
	"error = default, default, bold, underline\n"
	"pending = default, default, dim\n"
	"running = default, default, bold\n"
	"failed = default, default, bold, underline\n"
	"cancelled = default, default, underline\n"
	"progress = default, default, reverse\n"
	"progress_empty = default, default, dim\n"
	"notice = default, default, bold\n"
	"focus = default, default, bold, reverse\n"
	"cursor = default, default, reverse, bold\n"
	"cursor_row = default, default, reverse\n"
	"cursor_col = default, default, underline\n"
	"match = default, default, bold, underline\n"
	"series1 = default, default, bold\n"
	"series2 = default, default\n"
	"series3 = default, default, dim\n"
	"series4 = default, default, underline\n"
	"sql_keyword = default, default, bold\n"
	"sql_string = default, default, underline\n"
	"sql_number = default, default\n"
	"sql_comment = default, default, dim\n"
	"sql_variable = default, default, bold, underline\n"
	"sql_meta = default, default, bold\n";

static const struct { const char *name; int index; } color_names[] = {
	{"black", 0}, {"red", 1}, {"green", 2}, {"yellow", 3}, {"blue", 4}, {"magenta", 5},
	{"cyan", 6}, {"white", 7}, {"gray", 8}, {"grey", 8}, {"bright_black", 8},
	{"bright_red", 9}, {"bright_green", 10}, {"bright_yellow", 11}, {"bright_blue", 12},
	{"bright_magenta", 13}, {"bright_cyan", 14}, {"bright_white", 15},
};

static const struct { const char *name; unsigned bit; } attr_names[] = {
	{"bold", TA_BOLD}, {"dim", TA_DIM}, {"underline", TA_UNDERLINE}, {"reverse", TA_REVERSE},
	{"italic", TA_ITALIC}, {"blink", TA_BLINK}, {"none", 0}, {"normal", 0},
};

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return (c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
}

/* "default", a name, 0..255 or #rrggbb. */
static int parse_color(const char *w, struct tcolor *c)
{
	memset(c, 0, sizeof *c);
	if (!strcasecmp(w, "default") || !strcmp(w, "-"))
		return 0;
	for (size_t i = 0; i < sizeof color_names / sizeof color_names[0]; i++)
		if (!strcasecmp(w, color_names[i].name)) {
			c->kind = TC_INDEX;
			c->index = color_names[i].index;
			return 0;
		}
	if (w[0] == '#' && strlen(w) == 7) {
		int v[6];
		for (int i = 0; i < 6; i++)
			if ((v[i] = hexval((unsigned char)w[i + 1])) < 0)
				return -1;
		c->kind = TC_RGB;
		c->r = (unsigned char)(v[0] * 16 + v[1]);
		c->g = (unsigned char)(v[2] * 16 + v[3]);
		c->b = (unsigned char)(v[4] * 16 + v[5]);
		return 0;
	}
	if (isdigit((unsigned char)w[0])) {
		char *end;
		long n = strtol(w, &end, 10);
		if (*end || n > 255)
			return -1;
		c->kind = TC_INDEX;
		c->index = (int)n;
		return 0;
	}
	return -1;
}

static int parse_attr(const char *w, unsigned *attrs)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (!strcasecmp(w, attr_names[i].name)) {
			*attrs |= attr_names[i].bit;
			return 0;
		}
	return -1;
}

static int find_el(const char *key)
{
	for (int i = 0; i < EL_COUNT; i++)
		if (!strcasecmp(key, el_names[i]))
			return i;
	return -1;
}

/* One `element = fg, bg, attrs...` line (already without comments). */
static int parse_line(char *line, struct theme *t, char *why, size_t whyn)
{
	char *eq = strchr(line, '='), *val, *w, *save = NULL;
	int el, n = 0;
	struct theme_style st = { .set = true };

	if (!eq)
		return snprintf(why, whyn, "expected `element = fg, bg, attributes`"), -1;
	*eq = '\0';
	if ((el = find_el(cfg_trim(line))) < 0)
		return snprintf(why, whyn, "unknown element '%s'", cfg_trim(line)), -1;
	val = eq + 1;
	for (w = strtok_r(val, ",", &save); w; w = strtok_r(NULL, ",", &save), n++) {
		w = cfg_trim(w);
		if (n < 2 && parse_color(w, n == 0 ? &st.fg : &st.bg) < 0)
			return snprintf(why, whyn, "unknown colour '%s'", w), -1;
		if (n >= 2 && parse_attr(w, &st.attrs) < 0)
			return snprintf(why, whyn, "unknown attribute '%s'", w), -1;
	}
	if (n < 1)
		return snprintf(why, whyn, "no colour for '%s'", el_names[el]), -1;
	t->el[el] = st;
	return 0;
}

int theme_parse(const char *text, const char *origin, const char *name, struct theme *out,
		struct dwh_err *e)
{
	struct theme t;
	const char *p = text;
	int lineno = 0;

	memset(&t, 0, sizeof t);
	snprintf(t.name, sizeof t.name, "%s", name);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024], why[256], *hash, *l;

		lineno++;
		if (len >= sizeof line)
			return err_set(e, "%s:%d: line too long", origin, lineno);
		memcpy(line, p, len);
		line[len] = '\0';
		p += len + (nl != NULL);
		/* A comment is a line starting with '#', or '#' not followed by a hex digit (which
		 * would be a #rrggbb colour). */
		l = cfg_trim(line);
		if (*l == '#')
			continue;
		for (hash = l; (hash = strchr(hash, '#')) != NULL; hash++)
			if (!isxdigit((unsigned char)hash[1])) {
				*hash = '\0';
				break;
			}
		l = cfg_trim(line);
		if (!*l)
			continue;
		if (parse_line(l, &t, why, sizeof why) < 0)
			return err_set(e, "%s:%d: %s", origin, lineno, why);
	}
	/* Unset elements look like `normal`. */
	for (int i = 0; i < EL_COUNT; i++)
		if (!t.el[i].set) {
			t.el[i] = t.el[EL_NORMAL];
			t.el[i].set = false;
		}
	*out = t;
	return 0;
}

void theme_default(struct theme *t)
{
	struct dwh_err e;

	theme_parse(dusk_text, "built-in", "dusk", t, &e);
}

void theme_mono(struct theme *t)
{
	struct dwh_err e;

	theme_parse(mono_text, "built-in", "mono", t, &e);
}

static void user_theme_dir(char *buf, size_t n)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (x && *x)
		snprintf(buf, n, "%s/dwh/themes", x);
	else
		snprintf(buf, n, "%s/.config/dwh/themes", home ? home : ".");
}

static int load_file(const char *path, const char *name, struct theme *t, struct dwh_err *e)
{
	size_t len;
	char *text = fs_read_all(path, &len, e);
	int rc;

	if (!text)
		return -1;
	/* The parser reads up to the first NUL: a file with one (binary, not a theme) would
	 * otherwise pass as the lines before it. */
	if (memchr(text, '\0', len)) {
		rc = err_set(e, "%s: not a theme (a NUL byte at offset %zu)", path,
			     (size_t)((char *)memchr(text, '\0', len) - text));
		free(text);
		return rc;
	}
	rc = theme_parse(text, path, name, t, e);
	free(text);
	return rc;
}

static bool readable(const char *path)
{
	FILE *f = fopen(path, "r");

	if (f)
		fclose(f);
	return f != NULL;
}

int theme_load(const char *name, struct theme *t, struct dwh_err *e)
{
	char dir[4096], path[4400];

	if (strchr(name, '/')) {
		const char *base = strrchr(name, '/') + 1;
		char nm[64];
		snprintf(nm, sizeof nm, "%.*s", (int)strcspn(base, "."), base);
		return load_file(name, nm, t, e);
	}
	user_theme_dir(dir, sizeof dir);
	snprintf(path, sizeof path, "%s/%s.theme", dir, name);
	if (readable(path))
		return load_file(path, name, t, e);
	if (fs_datadir("themes", dir, sizeof dir) == 0) {
		snprintf(path, sizeof path, "%s/%s.theme", dir, name);
		if (readable(path))
			return load_file(path, name, t, e);
	}
	if (!strcmp(name, "dusk"))
		return theme_default(t), 0;
	if (!strcmp(name, "mono") || !strcmp(name, "monochrome"))
		return theme_mono(t), 0;
	return err_set(e, "no theme '%s' (see `theme` for the list)", name);
}

static int add_name(char **names, int n, int max, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return n;
	if (n >= max)
		return n;
	names[n] = strdup(name);
	return names[n] ? n + 1 : n;
}

static int list_dir(const char *dir, char **names, int n, int max)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		return n;
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (len > 6 && !strcmp(de->d_name + len - 6, ".theme") && de->d_name[0] != '.') {
			char nm[256];
			snprintf(nm, sizeof nm, "%.*s", (int)(len - 6), de->d_name);
			n = add_name(names, n, max, nm);
		}
	}
	closedir(d);
	return n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int theme_list(char **names, int max)
{
	char dir[4096];
	int n = 0;

	n = add_name(names, n, max, "dusk");
	n = add_name(names, n, max, "mono");
	user_theme_dir(dir, sizeof dir);
	n = list_dir(dir, names, n, max);
	if (fs_datadir("themes", dir, sizeof dir) == 0)
		n = list_dir(dir, names, n, max);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	return n;
}

void theme_list_free(char **names, int n)
{
	for (int i = 0; i < n; i++)
		free(names[i]);
}

/* The xterm palette: 16 system colours, a 6x6x6 cube, 24 greys. */
static void index_rgb(int i, int *r, int *g, int *b)
{
	static const unsigned char sys[16][3] = {
		{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205},
		{0, 205, 205}, {229, 229, 229}, {127, 127, 127}, {255, 0, 0}, {0, 255, 0},
		{255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
	};
	static const int cube[6] = {0, 95, 135, 175, 215, 255};

	if (i < 16) {
		*r = sys[i][0], *g = sys[i][1], *b = sys[i][2];
	} else if (i < 232) {
		i -= 16;
		*r = cube[i / 36], *g = cube[(i / 6) % 6], *b = cube[i % 6];
	} else {
		*r = *g = *b = 8 + 10 * (i - 232);
	}
}

static int nearest(int r, int g, int b, int from, int to)
{
	int best = from;
	long bestd = -1;

	for (int i = from; i < to; i++) {
		int cr, cg, cb;
		index_rgb(i, &cr, &cg, &cb);
		/* Weighted distance: the eye is most sensitive to green. */
		long d = 3L * (r - cr) * (r - cr) + 4L * (g - cg) * (g - cg) + 2L * (b - cb) * (b - cb);
		if (bestd < 0 || d < bestd)
			bestd = d, best = i;
	}
	return best;
}

int tcolor_resolve(const struct tcolor *c, int ncolors)
{
	int r, g, b;

	if (c->kind == TC_DEFAULT || ncolors < 8)
		return -1;
	if (c->kind == TC_INDEX) {
		if (c->index < ncolors)
			return c->index;
		if (c->index < 16)      /* bright colour on an 8-colour terminal */
			return c->index - 8;
		index_rgb(c->index, &r, &g, &b);
	} else {
		r = c->r, g = c->g, b = c->b;
	}
	/* With 256 colours search only the fixed cube and greys: users often redefine the 16
	 * system colours, so an exact #rrggbb must not land on one of them. */
	if (ncolors >= 256)
		return nearest(r, g, b, 16, 256);
	return nearest(r, g, b, 0, ncolors >= 16 ? 16 : 8);
}
