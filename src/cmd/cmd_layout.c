/* cmd_layout.c — `layout [focus|normal]`: how the console arranges its panes. */
#include "cmd/cmd.h"
#include "base/frontend.h"

static int exec_layout(struct dwh *s, int argc, char **argv)
{
	if (!frontend_hooks.layout)
		return dwh_fail(s, "layout: only the console has panes");
	return frontend_hooks.layout(s, argc > 1 ? argv[1] : NULL);
}

static const char *const words[] = { "focus", "normal", NULL };

const struct dwh_cmd cmd_layout = {
	.name = "layout",
	.args = "[focus|normal]",
	.min_args = 0,
	.max_args = 1,
	.help = "focus: the result takes the screen (for a projector); alone: the usual panes",
	.detail = "layout focus    the result pane gets the screen; Tables and Pipeline become one\n"
		  "                summary line, the log one line (F9 toggles it too)\n"
		  "layout          back to the usual panes (also `layout normal`)",
	.words = words,
	.exec = exec_layout,
};
