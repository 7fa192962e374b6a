/* cmd_crosstab.c — psql's \crosstabview [colV [colH [colD [sortcolH]]]]: the statement typed
 * (or the last one sent) run again and shown pivoted (src/view/crosstab.c), as a result of its
 * own: printed as psql prints it in batch mode and --plain, a grid in the console. */
#include "cmd/cmd.h"
#include "view/crosstab.h"

static enum dwh_rc exec_crosstab(struct dwh *s, int argc, char **argv)
{
	const char *args[4] = { NULL, NULL, NULL, NULL };
	enum dwh_rc rc;
	PGresult *res, *pivot;

	for (int i = 1; i < argc && i <= 4; i++)
		args[i - 1] = argv[i];
	if (!(res = cmd_query_buffer(s, "\\crosstabview", NULL, &rc)))
		return rc;
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {   /* a command: its tag, as psql shows it */
		dwh_answer(s, res, NULL, -1);
		if (!s->out.answer)
			dwh_result(s, res, NULL, -1);
		PQclear(res);
		return DWH_OK;
	}
	pivot = crosstab_make(res, args, s->pset.null[0] ? s->pset.null : NULL, &s->err);
	PQclear(res);
	if (!pivot)
		return DWH_FAIL;
	dwh_result(s, pivot, "crosstab", -1);
	PQclear(pivot);
	return DWH_OK;
}

const struct dwh_cmd cmd_meta_crosstabview = {
	.name = "\\crosstabview",
	.args = "[colV [colH [colD [sortcolH]]]]",
	.max_args = 4,
	.help = "send the statement and show it pivoted: colV's values down, colH's across, colD in the cells",
	.needs_conn = true,
	.exec = exec_crosstab,
};
