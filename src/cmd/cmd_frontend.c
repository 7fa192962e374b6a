/* cmd_frontend.c — the commands whose effect belongs to the front end, not the engine: theme,
 * layout, screenshot, log, chart, results / result / freeze, and quit. Each one reaches the
 * running front end through s->hooks (base/dwh.h); a front end without the hook (batch mode
 * has no screen, no themes, no kept results) gets a clear answer instead. */
#include "cmd/cmd.h"

#include <stdlib.h>

/* `theme [NAME]`: list the console's colour themes or switch to one at once. */
static enum dwh_rc exec_theme(struct dwh *s, int argc, char **argv)
{
	if (!s->hooks.theme)
		return dwh_fail(s, "theme: only the console has themes");
	return s->hooks.theme(s, argc > 1 ? argv[1] : NULL);
}

const struct dwh_cmd cmd_theme = {
	.name = "theme",
	.args = "[NAME]",
	.min_args = 0,
	.max_args = 1,
	.help = "list the colour themes, or switch to one",
	.detail = "Themes are themes/NAME.theme files (element = fg, bg, attributes); yours go in\n"
		  "$XDG_CONFIG_HOME/dwh/themes/. Shipped: dusk (default), light, contrast, mono,\n"
		  "projector (black on white, bold, for a class).",
	.exec = exec_theme,
};

/* `layout [focus|normal]`: how the console arranges its panes. */
static enum dwh_rc exec_layout(struct dwh *s, int argc, char **argv)
{
	if (!s->hooks.layout)
		return dwh_fail(s, "layout: only the console has panes");
	return s->hooks.layout(s, argc > 1 ? argv[1] : NULL);
}

static const char *const layout_words[] = { "focus", "normal", NULL };

const struct dwh_cmd cmd_layout = {
	.name = "layout",
	.args = "[focus|normal]",
	.min_args = 0,
	.max_args = 1,
	.help = "focus: the result takes the screen (for a projector); alone: the usual panes",
	.detail = "layout focus    the result pane gets the screen; Tables and Pipeline become one\n"
		  "                summary line, the log one line (F9 toggles it too)\n"
		  "layout          back to the usual panes (also `layout normal`)",
	.words = layout_words,
	.exec = exec_layout,
};

/* `screenshot FILE`: each console pane's text to FILE (for tests and bug reports). */
static enum dwh_rc exec_screenshot(struct dwh *s, int argc, char **argv)
{
	(void)argc;
	if (!s->hooks.screenshot)
		return dwh_fail(s, "screenshot: only the console has a screen");
	return s->hooks.screenshot(s, argv[1]);
}

const struct dwh_cmd cmd_screenshot = {
	.name = "screenshot",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.help = "write the text of every console pane to FILE",
	.exec = exec_screenshot,
};

/* `log`: the whole session log in the Result pane, to browse and search, where the log pane
 * shows only its last lines. Batch mode has printed every message already. */
static enum dwh_rc exec_log(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!s->hooks.log) {
		dwh_msg(s, LOG_INFO, "log: every message is printed as it comes here; the console keeps a session log");
		return DWH_OK;
	}
	return s->hooks.log(s);
}

const struct dwh_cmd cmd_log = {
	.name = "log",
	.args = "",
	.help = "the whole session log in the Result pane (the log pane shows the last lines)",
	.exec = exec_log,
};

/* `chart`: the current result as bars (src/view/chart.c). The console toggles its Result pane
 * between grid and chart; batch mode and --plain print the last result's chart as text (`#`
 * bars with NO_COLOR or a terminal that is not UTF-8). */
static enum dwh_rc exec_chart(struct dwh *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return dwh_fail(s, "usage: chart");
	if (!s->hooks.chart)
		return dwh_fail(s, "chart: this front end cannot draw");
	return s->hooks.chart(s);
}

const struct dwh_cmd cmd_chart = {
	.name = "chart",
	.args = "",
	.help = "draw the current result as a bar chart (again: back to the grid)",
	.detail = "The first column labels the bars; each numeric column after it is a series "
		  "(up to 4), in its own colour, with a legend. Numeric or time labels (hours, days) "
		  "draw as vertical columns in their order. In the result browser `c` does the same.",
	.exec = exec_chart,
};

/* `results`, `result N` and `freeze N`: the console's kept results and how its grid scrolls.
 * Batch mode prints every result as it comes and keeps none, and says so. */
static enum dwh_rc console_only(struct dwh *s, const char *what)
{
	return dwh_fail(s, "%s: only in the console (batch mode prints each result as it comes)", what);
}

/* A whole number in [lo, hi] or -1. */
static int small_number(const char *a, int lo, int hi)
{
	char *end;
	long v = strtol(a, &end, 10);

	return *a && !*end && v >= lo && v <= hi ? (int)v : -1;
}

static enum dwh_rc exec_results(struct dwh *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return dwh_fail(s, "usage: results");
	return s->hooks.results ? s->hooks.results(s, 0) : console_only(s, "results");
}

static enum dwh_rc exec_result(struct dwh *s, int argc, char **argv)
{
	int n = argc == 2 ? small_number(argv[1], 1, 1 << 30) : -1;

	if (n < 0)
		return dwh_fail(s, "usage: result N (a number from `results`)");
	return s->hooks.results ? s->hooks.results(s, n) : console_only(s, "result");
}

static enum dwh_rc exec_freeze(struct dwh *s, int argc, char **argv)
{
	int n = argc == 2 ? small_number(argv[1], 0, 4) : -1;

	if (n < 0)
		return dwh_fail(s, "usage: freeze N (0 to 4 columns kept at the left)");
	return s->hooks.freeze ? s->hooks.freeze(s, n) : console_only(s, "freeze");
}

const struct dwh_cmd cmd_results = {
	.name = "results",
	.args = "",
	.help = "list the last 20 results (number, SQL, rows, time)",
	.detail = "Every statement's answer (rows, command tag or error) and every command's result "
		  "is kept, the last 20 of them. `result N` shows one again; [ and ] in the result "
		  "browser step through them.",
	.exec = exec_results,
};

const struct dwh_cmd cmd_result = {
	.name = "result",
	.args = "N",
	.min_args = 1,
	.max_args = 1,
	.help = "show kept result N again (see `results`)",
	.exec = exec_result,
};

const struct dwh_cmd cmd_freeze = {
	.name = "freeze",
	.args = "N",
	.min_args = 1,
	.max_args = 1,
	.help = "keep the first N columns (0-4, default 1) while the grid scrolls sideways",
	.exec = exec_freeze,
};

/* `quit`: leave the console or prompt; in a script or -c list it ends the run successfully,
 * as psql's \q. */
static enum dwh_rc exec_quit(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	return s->hooks.quit ? s->hooks.quit(s) : DWH_OK;
}

const struct dwh_cmd cmd_quit = {
	.name = "quit",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "leave dwh (also q, exit, \\q, Ctrl-D)",
	.exec = exec_quit,
};
