/* cmd_counts.c — `counts`: the row count of each warehouse table, `-` for a missing one. */
#include "cmd.h"

#include "db.h"
#include "result.h"
#include "tables.h"

#include <stdio.h>

int counts_refresh(struct dwh *s, PGresult **out)
{
	static const char *const cols[] = { "table", "rows" };
	static const int numeric[] = { 0, 1 };
	const char *names[DWH_NTABLES + 1];
	int64_t rows[DWH_NTABLES + 1];
	PGresult *res = out ? result_new(2, cols, numeric) : NULL;
	int n = 0;

	for (int i = 0; i <= DWH_NTABLES; i++) {
		const char *t = i < DWH_NTABLES ? dwh_tables[i] : "load_errors";
		long long c = db_count(s, t);
		char buf[32];

		if (c == -2) {
			PQclear(res);
			return db_fail_rc(s);
		}
		/* load_errors is shown only when it holds something */
		if (i == DWH_NTABLES && c <= 0)
			break;
		names[n] = t;
		rows[n] = c;
		snprintf(buf, sizeof buf, "%lld", c);
		if (res)
			result_set(res, n, 0, t), result_set(res, n, 1, c < 0 ? "-" : buf);
		n++;
	}
	if (s->out.counts)
		s->out.counts(s->out.ctx, names, rows, n);
	if (out)
		*out = res;
	return DWH_OK;
}

static int exec_counts(struct dwh *s, int argc, char **argv)
{
	PGresult *res = NULL;
	int rc;

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
