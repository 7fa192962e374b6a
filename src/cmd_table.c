/* cmd_table.c — every command dwh knows, in the order `help` lists them. Adding a command is
 * one new cmd_*.c file and one line here. */
#include "cmd.h"

extern const struct dwh_cmd cmd_create, cmd_drop, cmd_counts, cmd_status, cmd_help,
	cmd_timing, cmd_local;

const struct dwh_cmd *const cmd_table[] = {
	&cmd_create,
	&cmd_drop,
	&cmd_counts,
	&cmd_status,
	&cmd_timing,
	&cmd_local,
	&cmd_help,
	NULL,
};
