/* cmd_counts.c — `counts`: the row count of each warehouse table, `-` for a missing one. */
#include "cmd/cmd.h"

#include "etl/tables.h"

static enum dwh_rc exec_counts(struct dwh *s, int argc, char **argv)
{
	PGresult *res = NULL;
	enum dwh_rc rc;

	(void)argc, (void)argv;
	rc = counts_refresh(s, &res);
	if (rc == DWH_OK && res)
		dwh_result(s, res, "table counts", -1);
	PQclear(res);
	return rc;
}

const struct dwh_cmd cmd_counts = {
	.name = "counts",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "row count of each warehouse table (- when missing)",
	.needs_conn = true,
	.exec = exec_counts,
};
