/* cmd_queries.c — `queries` lists the saved analytic queries in sql/analytics/ (each file's
 * first line, `-- description`, says what it answers); `query NAME` runs one. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/result.h"
#include "base/fsutil.h"
#include "db/sqlfile.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXQ 128

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names (without .sql) in sql/analytics/, sorted; malloc'd strings. -1 with s->err. */
static int list_queries(struct dwh *s, char **names, int max)
{
	char dir[sizeof s->sqldir + 16];
	struct dirent *e;
	DIR *d;
	int n = 0;

	if (!s->sqldir[0] && fs_datadir("sql", s->sqldir, sizeof s->sqldir) < 0) {
		s->sqldir[0] = '\0';
		return err_set(&s->err, "cannot find dwh's sql/ directory (set DWH_SQLDIR)");
	}
	snprintf(dir, sizeof dir, "%s/analytics", s->sqldir);
	if (!(d = opendir(dir)))
		return err_set(&s->err, "%s: cannot open", dir);
	while ((e = readdir(d)) != NULL && n < max) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".sql") == 0 && e->d_name[0] != '.')
			names[n++] = strndup(e->d_name, len - 4);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof *names, name_cmp);
	return n;
}

/* The text of a query and its one-line description (what follows "-- " on line one). */
static char *read_query(struct dwh *s, const char *name, char *desc, size_t n)
{
	char rel[512];
	char *sql;

	if (strchr(name, '/') || strlen(name) > 200) {
		err_set(&s->err, "%s: not a saved query name", name);
		return NULL;
	}
	snprintf(rel, sizeof rel, "analytics/%s.sql", name);
	if (!(sql = sqlfile_read_rel(s, rel))) {
		err_set(&s->err, "%s: no such saved query (see `queries`)", name);
		return NULL;
	}
	desc[0] = '\0';
	if (strncmp(sql, "--", 2) == 0) {
		const char *p = sql + 2 + strspn(sql + 2, " ");

		snprintf(desc, n, "%.*s", (int)strcspn(p, "\n"), p);
	}
	return sql;
}

static enum dwh_rc exec_queries(struct dwh *s, int argc, char **argv)
{
	static const char *const cols[] = { "name", "description" };
	char *names[MAXQ];
	PGresult *res;
	int n;

	(void)argc, (void)argv;
	if ((n = list_queries(s, names, MAXQ)) < 0)
		return DWH_FAIL;
	res = result_new(2, cols, NULL);
	for (int i = 0; i < n; i++) {
		char desc[256], *sql = read_query(s, names[i], desc, sizeof desc);

		if (res)
			result_set(res, i, 0, names[i]), result_set(res, i, 1, sql ? desc : "?");
		free(sql);
		free(names[i]);
	}
	/* the user's own (\ns NAME), after dwh's: run with \n NAME */
	int m = cmd_saved_names(names, MAXQ);
	for (int i = 0; i < m; i++) {
		char desc[256], *sql = res ? cmd_saved_read(s, names[i]) : NULL;

		snprintf(desc, sizeof desc, "yours (\\n %s): %.*s", names[i],
			 sql ? (int)strcspn(sql, "\n") : 1, sql ? sql : "?");
		if (res)
			result_set(res, n + i, 0, names[i]), result_set(res, n + i, 1, desc);
		free(sql);
		free(names[i]);
	}
	err_clear(&s->err);
	if (!res)
		return dwh_fail(s, "out of memory");
	dwh_result(s, res, "saved queries", -1);
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc exec_query(struct dwh *s, int argc, char **argv)
{
	char desc[256];
	char *sql;
	PGresult *res;
	double t0;

	(void)argc;
	if (!(sql = read_query(s, argv[1], desc, sizeof desc)))
		return DWH_FAIL;
	/* where results are kept (the console), the SQL is one of them, beside its rows */
	char title[300];
	snprintf(title, sizeof title, "SQL of query %s", argv[1]);
	dwh_text_aside(s, title, sql);
	t0 = dwh_now();
	res = db_query(s, sql);
	free(sql);
	if (!res)
		return db_fail_rc(s);
	dwh_result(s, res, desc[0] ? desc : argv[1], s->timing ? (dwh_now() - t0) * 1000.0 : -1);
	PQclear(res);
	return DWH_OK;
}

const struct dwh_cmd cmd_queries = {
	.name = "queries",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "list the saved analytic queries (sql/analytics/) and yours (\\ns NAME)",
	.needs_conn = false,
	.exec = exec_queries,
};

static const char *const query_words[] = {
	"top_songs", "top_artists", "busiest_hours", "weekday_hour", "free_vs_paid",
	"top_locations", "active_users", "user_agents", NULL,
};

const struct dwh_cmd cmd_query = {
	.name = "query",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.help = "run a saved analytic query (see `queries`)",
	.detail = "query top_songs     runs sql/analytics/top_songs.sql on the connection;\n"
		  "the files are plain SQL for both engines, to read and change.",
	.words = query_words,
	.needs_conn = true,
	.exec = exec_query,
};
