/* cmd_quit.c — `quit`: leave the console or prompt (in a script it does nothing: the script
 * ends by itself). Also home of the front-end hooks that console-only commands call. */
#include "cmd.h"
#include "frontend.h"

struct frontend_hooks frontend_hooks;

static int exec_quit(struct dwh *s, int argc, char **argv)
{
	(void)argc, (void)argv;
	return frontend_hooks.quit ? frontend_hooks.quit(s) : DWH_OK;
}

const struct dwh_cmd cmd_quit = {
	.name = "quit",
	.args = "",
	.help = "leave dwh (also q, exit, \\q, Ctrl-D)",
	.exec = exec_quit,
};
