/* cmd_table.c — every command dwh knows, in the order `help` lists them. Adding a command is
 * one new cmd_*.c file and one line here. */
#include "cmd/cmd.h"

extern const struct dwh_cmd cmd_create, cmd_drop, cmd_counts, cmd_status, cmd_help,
	cmd_timing, cmd_local;
extern const struct dwh_cmd cmd_stage, cmd_errors, cmd_gen, cmd_data, cmd_log;
extern const struct dwh_cmd cmd_run, cmd_step, cmd_load, cmd_show, cmd_explain, cmd_check,
	cmd_schema, cmd_catalog, cmd_queries, cmd_query, cmd_history;
extern const struct dwh_cmd cmd_theme, cmd_screenshot, cmd_reconnect, cmd_quit;
extern const struct dwh_cmd cmd_meta_help, cmd_meta_quit, cmd_meta_x, cmd_meta_timing,
	cmd_meta_echo, cmd_meta_set, cmd_meta_unset, cmd_meta_conninfo, cmd_meta_connect,
	cmd_meta_pset, cmd_meta_t, cmd_meta_a;
extern const struct dwh_cmd cmd_meta_d, cmd_meta_d_plus, cmd_meta_dt_plus, cmd_meta_dt, cmd_meta_dv, cmd_meta_di, cmd_meta_dn,
	cmd_meta_df, cmd_meta_du, cmd_meta_l;
extern const struct dwh_cmd cmd_meta_p, cmd_meta_r, cmd_meta_g, cmd_meta_e, cmd_meta_watch,
	cmd_meta_i, cmd_meta_if, cmd_meta_elif, cmd_meta_else, cmd_meta_endif, cmd_meta_gset,
	cmd_meta_gexec, cmd_meta_o, cmd_meta_qecho, cmd_meta_n, cmd_meta_ns, cmd_meta_nd, cmd_meta_explain;
extern const struct dwh_cmd cmd_results, cmd_result, cmd_freeze, cmd_chart, cmd_export,
	cmd_copy, cmd_copy_meta;
extern const struct dwh_cmd cmd_tour, cmd_peek, cmd_layout;
extern const struct dwh_cmd cmd_meta_crosstabview, cmd_copy_to, cmd_set;
extern const struct dwh_cmd cmd_unmatched, cmd_exercise, cmd_why, cmd_profile, cmd_diff,
	cmd_filter;

const struct dwh_cmd *const cmd_table[] = {
	/* building the warehouse, in pipeline order */
	&cmd_peek,
	&cmd_profile,
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
	&cmd_unmatched,
	&cmd_why,
	&cmd_diff,
	&cmd_schema,
	&cmd_catalog,
	&cmd_queries,
	&cmd_query,
	&cmd_results,
	&cmd_result,
	&cmd_filter,
	&cmd_freeze,
	&cmd_chart,
	&cmd_export,
	&cmd_copy_to,
	&cmd_copy,
	&cmd_copy_meta,
	/* data and the connection */
	&cmd_data,
	&cmd_gen,
	&cmd_status,
	&cmd_reconnect,
	&cmd_local,
	/* the session */
	&cmd_timing,
	&cmd_set,
	&cmd_tour,
	&cmd_exercise,
	&cmd_theme,
	&cmd_layout,
	&cmd_screenshot,
	&cmd_log,
	&cmd_help,
	&cmd_quit,
	/* psql's meta-commands */
	&cmd_meta_d,
	&cmd_meta_dt,
	&cmd_meta_d_plus,
	&cmd_meta_dt_plus,
	&cmd_meta_dv,
	&cmd_meta_di,
	&cmd_meta_dn,
	&cmd_meta_df,
	&cmd_meta_du,
	&cmd_meta_l,
	&cmd_meta_help,
	&cmd_meta_quit,
	&cmd_meta_x,
	&cmd_meta_timing,
	&cmd_meta_pset,
	&cmd_meta_t,
	&cmd_meta_a,
	&cmd_meta_echo,
	&cmd_meta_set,
	&cmd_meta_unset,
	&cmd_meta_conninfo,
	&cmd_meta_connect,
	&cmd_meta_p,
	&cmd_meta_r,
	&cmd_meta_g,
	&cmd_meta_e,
	&cmd_meta_watch,
	&cmd_meta_explain,
	&cmd_meta_i,
	&cmd_meta_gset,
	&cmd_meta_gexec,
	&cmd_meta_crosstabview,
	&cmd_meta_if,
	&cmd_meta_elif,
	&cmd_meta_else,
	&cmd_meta_endif,
	&cmd_meta_o,
	&cmd_meta_qecho,
	&cmd_meta_ns,
	&cmd_meta_n,
	&cmd_meta_nd,
	NULL,
};
