/* cmd_log.c — `log`: the whole session log in the Result pane, to browse and search, where the
 * log pane shows only its last lines. Batch mode has printed every message already. */
#include "cmd/cmd.h"
#include "base/frontend.h"

static int exec_log(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!frontend_hooks.log) {
		dwh_msg(s, LOG_INFO, "log: every message is printed as it comes here; the console keeps a session log");
		return DWH_OK;
	}
	return frontend_hooks.log(s);
}

const struct dwh_cmd cmd_log = {
	.name = "log",
	.args = "",
	.help = "the whole session log in the Result pane (the log pane shows the last lines)",
	.exec = exec_log,
};
