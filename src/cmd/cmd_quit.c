/* cmd_quit.c — `quit`: leave the console or prompt; in a script or -c list it ends the run
 * successfully, as psql's \q. Also home of the front-end hooks that front-end commands call. */
#include "cmd/cmd.h"
#include "base/frontend.h"

struct frontend_hooks frontend_hooks;

static int exec_quit(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	return frontend_hooks.quit ? frontend_hooks.quit(s) : DWH_OK;
}

const struct dwh_cmd cmd_quit = {
	.name = "quit",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "leave dwh (also q, exit, \\q, Ctrl-D)",
	.exec = exec_quit,
};
