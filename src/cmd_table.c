/* cmd_table.c — every command dwh knows, in the order `help` lists them. Adding a command is
 * one new cmd_*.c file and one line here. */
#include "cmd.h"

extern const struct dwh_cmd cmd_create, cmd_drop, cmd_counts, cmd_status, cmd_help,
	cmd_timing, cmd_local, cmd_stage, cmd_errors, cmd_gen;
extern const struct dwh_cmd cmd_run_stages, cmd_step, cmd_load, cmd_show, cmd_explain, cmd_check,
	cmd_schema, cmd_queries, cmd_query;

const struct dwh_cmd *const cmd_table[] = {
	&cmd_create,
	&cmd_drop,
	&cmd_gen,
	&cmd_stage,
	&cmd_errors,
	&cmd_run_stages,
	&cmd_step,
	&cmd_load,
	&cmd_show,
	&cmd_explain,
	&cmd_check,
	&cmd_schema,
	&cmd_queries,
	&cmd_query,
	&cmd_counts,
	&cmd_status,
	&cmd_timing,
	&cmd_local,
	&cmd_help,
	NULL,
};
