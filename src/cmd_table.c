/* cmd_table.c — every command dwh knows, in the order `help` lists them. Adding a command is
 * one new cmd_*.c file and one line here. */
#include "cmd.h"

extern const struct dwh_cmd cmd_create, cmd_drop, cmd_counts, cmd_status, cmd_help,
	cmd_timing, cmd_local;
extern const struct dwh_cmd cmd_stage, cmd_errors, cmd_gen;
extern const struct dwh_cmd cmd_run, cmd_step, cmd_load, cmd_show, cmd_explain, cmd_check,
	cmd_schema, cmd_queries, cmd_query, cmd_history;
extern const struct dwh_cmd cmd_theme, cmd_screenshot, cmd_reconnect, cmd_quit;
extern const struct dwh_cmd cmd_results, cmd_result, cmd_freeze, cmd_chart, cmd_export,
	cmd_copy, cmd_copy_meta;
extern const struct dwh_cmd cmd_tour, cmd_peek, cmd_layout;

const struct dwh_cmd *const cmd_table[] = {
	/* building the warehouse, in pipeline order */
	&cmd_peek,
	&cmd_create,
	&cmd_drop,
	&cmd_stage,
	&cmd_errors,
	&cmd_load,
	&cmd_run,
	&cmd_step,
	&cmd_history,
	&cmd_show,
	&cmd_explain,
	/* looking at it */
	&cmd_counts,
	&cmd_check,
	&cmd_schema,
	&cmd_queries,
	&cmd_query,
	&cmd_results,
	&cmd_result,
	&cmd_freeze,
	&cmd_chart,
	&cmd_export,
	&cmd_copy,
	&cmd_copy_meta,
	/* data and the connection */
	&cmd_gen,
	&cmd_status,
	&cmd_reconnect,
	&cmd_local,
	/* the session */
	&cmd_timing,
	&cmd_tour,
	&cmd_theme,
	&cmd_layout,
	&cmd_screenshot,
	&cmd_help,
	&cmd_quit,
	NULL,
};
