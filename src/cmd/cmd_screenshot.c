/* cmd_screenshot.c — `screenshot FILE`: write each console pane's text to FILE (for tests and
 * bug reports). */
#include "cmd/cmd.h"
#include "base/frontend.h"

static int exec_screenshot(struct dwh *s, int argc, char **argv)
{
	(void)argc;
	if (!frontend_hooks.screenshot) {
		err_set(&s->err, "screenshot: only the console has a screen");
		return DWH_FAIL;
	}
	return frontend_hooks.screenshot(s, argv[1]);
}

const struct dwh_cmd cmd_screenshot = {
	.name = "screenshot",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.help = "write the text of every console pane to FILE",
	.exec = exec_screenshot,
};
