/* cmd_results.c — `results`, `result N` and `freeze N`: the console's kept results and how its
 * grid scrolls. They belong to the console (frontend_hooks); batch mode prints every result as
 * it comes and keeps none, and says so. */
#include "cmd/cmd.h"
#include "base/frontend.h"

#include <stdlib.h>

static int console_only(struct dwh *s, const char *what)
{
	err_set(&s->err, "%s: only in the console (batch mode prints each result as it comes)", what);
	return DWH_FAIL;
}

/* A whole number in [lo, hi] or -1. */
static int small_number(const char *a, int lo, int hi)
{
	char *end;
	long v = strtol(a, &end, 10);

	return *a && !*end && v >= lo && v <= hi ? (int)v : -1;
}

static int exec_results(struct dwh *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return dwh_fail(s, "usage: results");
	return frontend_hooks.results ? frontend_hooks.results(s, 0) : console_only(s, "results");
}

static int exec_result(struct dwh *s, int argc, char **argv)
{
	int n = argc == 2 ? small_number(argv[1], 1, 1 << 30) : -1;

	if (n < 0)
		return dwh_fail(s, "usage: result N (a number from `results`)");
	return frontend_hooks.results ? frontend_hooks.results(s, n) : console_only(s, "result");
}

static int exec_freeze(struct dwh *s, int argc, char **argv)
{
	int n = argc == 2 ? small_number(argv[1], 0, 4) : -1;

	if (n < 0)
		return dwh_fail(s, "usage: freeze N (0 to 4 columns kept at the left)");
	return frontend_hooks.freeze ? frontend_hooks.freeze(s, n) : console_only(s, "freeze");
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
