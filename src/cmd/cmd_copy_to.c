/* cmd_copy_to.c — `copy-to FILE`: where the clipboard cannot go (no OSC 52 in the terminal),
 * a file. The console writes what y, Y or v..y copied last (s->hooks.copy_to); a front end
 * without a clipboard (batch mode, --plain) writes the current result as TSV, as `export`. */
#include "cmd/cmd.h"

static enum dwh_rc exec_copy_to(struct dwh *s, int argc, char **argv)
{
	char *ex[] = { "export", "tsv", argv[1], "--force", NULL };

	(void)argc;
	if (s->hooks.copy_to)
		return s->hooks.copy_to(s, argv[1]);
	return cmd_dispatch_argv(s, 4, ex);
}

const struct dwh_cmd cmd_copy_to = {
	.name = "copy-to",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.help = "write what the console copied last (y, Y, v) to FILE; without one, the result as TSV",
	.exec = exec_copy_to,
};
