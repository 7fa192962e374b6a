/* tables.c — the warehouse's tables: their names (shared by counts, completion and the
 * console) and counting them for the front end (after a stage, and for `counts`). */
#include "etl/tables.h"

#include "db/db.h"
#include "db/result.h"

#include <stdio.h>

const char *const dwh_tables[DWH_NTABLES + 1] = {
	"staging_events", "staging_songs", "songplays", "users", "songs", "artists", "time", NULL,
};

enum dwh_rc counts_refresh(struct dwh *s, PGresult **out)
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

		if (c == DB_ERROR) {
			PQclear(res);
			return db_fail_rc(s);
		}
		names[n] = t;
		rows[n] = c;
		snprintf(buf, sizeof buf, "%lld", c);
		/* load_errors is listed only when it holds something; the front end still hears
		 * that it is empty, so a count it shows from before goes */
		if (res && (i < DWH_NTABLES || c > 0))
			result_set(res, n, 0, t), result_set(res, n, 1, c < 0 ? "-" : buf);
		n++;
	}
	if (s->out.counts)
		s->out.counts(s->out.ctx, names, rows, n);
	if (out)
		*out = res;
	return DWH_OK;
}
