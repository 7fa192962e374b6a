/* cmd_chart.c — `chart`: the current result as bars (src/view/chart.c). The console toggles its
 * Result pane between grid and chart; batch mode and --plain print the last result's chart as
 * text (`#` bars with NO_COLOR or a terminal that is not UTF-8). */
#include "cmd/cmd.h"
#include "base/frontend.h"

static int exec_chart(struct dwh *s, int argc, char **argv)
{
	(void)argv;
	if (argc != 1)
		return dwh_fail(s, "usage: chart");
	if (!frontend_hooks.chart)
		return dwh_fail(s, "chart: this front end cannot draw");
	return frontend_hooks.chart(s);
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
