/* cmd_help.c — `help` and `help COMMAND`, written from the command table itself. */
#include "cmd/cmd.h"

#include <string.h>

static enum dwh_rc exec_help(struct dwh *s, int argc, char **argv)
{
	if (argc > 1) {
		const struct dwh_cmd *c = cmd_find(argv[1]);

		if (!c)
			return dwh_fail(s, "help: no such command: %s", argv[1]);
		dwh_msg(s, LOG_INFO, "%s %s", c->name, c->args);
		dwh_msg(s, LOG_INFO, "  %s", c->help);
		if (c->detail) {
			char buf[4096];

			/* one message per line, so every front end shows it the same way */
			snprintf(buf, sizeof buf, "%s", c->detail);
			for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
				dwh_msg(s, LOG_INFO, "  %s", line);
		}
		return DWH_OK;
	}
	dwh_msg(s, LOG_INFO, "Commands (anything else is SQL, sent to the server; end SQL with ;):");
	for (const struct dwh_cmd *const *c = cmd_table; *c; c++) {
		char usage[80];

		snprintf(usage, sizeof usage, "%s %s", (*c)->name, (*c)->args);
		if (strlen(usage) > 28) /* a long usage gets a line of its own */
			dwh_msg(s, LOG_INFO, "  %s\n  %-28s %s", usage, "", (*c)->help);
		else
			dwh_msg(s, LOG_INFO, "  %-28s %s", usage, (*c)->help);
	}
	dwh_msg(s, LOG_INFO, "help COMMAND shows more about one command.");
	return DWH_OK;
}

const struct dwh_cmd cmd_help = {
	.name = "help",
	.args = "[COMMAND]",
	.min_args = 0,
	.max_args = 1,
	.help = "list the commands, or explain one",
	.exec = exec_help,
};
