/* cmd_explain.c — `explain STAGE`: the server's plan for each query a load stage runs, as the
 * same tree as `explain QUERY` (cmd_plan.c). The stage's SET and ANALYZE statements are applied
 * in a transaction that is rolled back, so the plan is the one the stage gets and nothing is
 * changed. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "etl/pipeline.h"
#include "psql/qbuf.h"
#include "base/sqlscan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The first word of a statement, after blanks and -- comments. */
static const char *first_word(const char *sql, size_t *len)
{
	for (;;) {
		while (isspace((unsigned char)*sql))
			sql++;
		if (strncmp(sql, "--", 2) != 0)
			break;
		sql += strcspn(sql, "\n");
	}
	*len = 0;
	while (isalpha((unsigned char)sql[*len]))
		(*len)++;
	return sql;
}

static bool is_word(const char *w, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(w, want, n) == 0;
}

/* One statement of the stage: SET and ANALYZE are applied, a query's plan drawn as a tree
 * (cmd_plan.c: EXPLAIN without ANALYZE, so the INSERT ... SELECT is planned, not run), the
 * rest is skipped. */
static enum dwh_rc explain_one(struct dwh *s, const struct pipe_stage *st, const char *stmt, int *shown)
{
	size_t n;
	const char *w = first_word(stmt, &n);
	char title[128];
	enum dwh_rc rc;

	/* settings and fresh statistics shape the plan; the ROLLBACK undoes both (PostgreSQL's
	 * ANALYZE is transactional; Redshift's is left to the stage itself) */
	if (is_word(w, n, "SET") ||
	    (is_word(w, n, "ANALYZE") && strcmp(db_dialect(s), "postgres") == 0))
		return db_exec(s, stmt);
	if (!is_word(w, n, "INSERT") && !is_word(w, n, "SELECT") && !is_word(w, n, "WITH"))
		return DWH_OK;
	snprintf(title, sizeof title, "plan: %s", st->name);
	dwh_msg(s, LOG_INFO, "%s", title);
	if ((rc = cmd_plan_titled(s, w, false, title)) == DWH_OK)
		(*shown)++;
	return rc;
}

static enum dwh_rc explain_stage(struct dwh *s, const struct pipe_stage *st, const char *text)
{
	struct sqlscan_iter it;
	const char *stmt;
	enum dwh_rc rc;
	int shown = 0;

	if (!sqlscan_start(&it, text))
		return dwh_fail(s, "out of memory");
	rc = db_exec(s, "BEGIN");
	while (rc == DWH_OK && (stmt = sqlscan_next(&it)))
		rc = explain_one(s, st, stmt, &shown);
	sqlscan_stop(&it);
	db_rollback(s);         /* the plans are shown; the SET and ANALYZE are undone */
	if (rc == DWH_OK && shown == 0)
		dwh_msg(s, LOG_INFO, "%s: nothing to plan", st->name);
	return rc;
}

static enum dwh_rc explain_stage_words(struct dwh *s, int argc, char **argv);

/* `explain [analyze] QUERY` draws the plan as a tree (cmd_plan.c); `explain STAGE` as before.
 * The line comes as typed (a raw command), so a query keeps its quotes. */
static enum dwh_rc exec_explain(struct dwh *s, int argc, char **argv)
{
	static const char *const sql_words[] = { "SELECT", "WITH", "INSERT", "UPDATE", "DELETE", "TABLE", "VALUES", "(", NULL };
	const char *rest = argc > 1 ? argv[1] : "";
	bool analyze = false;
	size_t n;
	const char *w = first_word(rest, &n);
	char **wv;
	int wc;
	enum dwh_rc rc;

	if (is_word(w, n, "ANALYZE") || is_word(w, n, "ANALYSE")) {
		analyze = true;
		rest = w + n;
		w = first_word(rest, &n);
	}
	for (int i = 0; sql_words[i]; i++)
		if (is_word(w, n, sql_words[i]) || (*w == '(' && !strcmp(sql_words[i], "(")))
			return cmd_plan(s, w, analyze);
	if (analyze)
		return dwh_fail(s, "explain analyze: a query to plan (SELECT, WITH, INSERT, UPDATE, DELETE...)");
	if ((wc = cmd_split(argc > 1 ? argv[1] : "", &wv)) < 0)
		return dwh_fail(s, "explain: unterminated quote");
	{
		char *words[8] = { argv[0] };
		int k = 1;

		for (int i = 0; i < wc && k < 7; i++)
			words[k++] = wv[i];
		words[k] = NULL;
		rc = k == 2 || k == 3 ? explain_stage_words(s, k, words) : cmd_usage(s, argv[0]);
	}
	cmd_free_argv(wv);
	return rc;
}

static enum dwh_rc explain_stage_words(struct dwh *s, int argc, char **argv)
{
	const struct pipe_stage *st;
	char *sql;
	enum dwh_rc rc;

	if (!(st = pipe_find(s, argc - 1, argv + 1)))
		return DWH_FAIL;
	if (st->kind != PIPE_LOAD) {
		dwh_msg(s, LOG_INFO, "%s: %s", st->name, st->kind == PIPE_CREATE
			? "DDL only, nothing to plan (show sql create)"
			: "a COPY, which the server does not plan (show sql to see it)");
		return DWH_OK;
	}
	if (!(sql = pipe_sql(s, st)))
		return DWH_FAIL;
	rc = explain_stage(s, st, sql);
	free(sql);
	return rc;
}

const struct dwh_cmd cmd_explain = {
	.name = "explain",
	.args = "STAGE|[analyze] QUERY",
	.min_args = 1,
	.max_args = 1,
	.help = "a load stage's or a query's plan as a tree",
	.detail = "explain load songplays   the plan of the INSERT ... SELECT the stage runs as a\n"
		  "                         tree, with the stage's settings, changing nothing\n"
		  "explain [analyze] QUERY  the plan as a tree: estimated and actual rows (off by\n"
		  "                         10x or more marked), time per node, the hottest marked",
	.raw = true,
	.words = pipe_words,
	.needs_conn = true,
	.exec = exec_explain,
};

/* `\explain [analyze]`: the tree for the statement being typed, else the last one sent (as
 * \p shows it; its last statement when it held several). Nothing typed is taken away. */
static enum dwh_rc exec_meta_explain(struct dwh *s, int argc, char **argv)
{
	char *t = qbuf_get(s), *last = NULL;
	struct sqlscan_iter it;
	const char *stmt;
	bool analyze = false;
	enum dwh_rc rc;

	if (argc > 1 && !(analyze = !strcasecmp(argv[1], "analyze") || !strcasecmp(argv[1], "analyse"))) {
		free(t);
		return cmd_usage(s, argv[0]);
	}
	if (!t && !(t = qbuf_last(s)))
		return dwh_fail(s, "\\explain: no statement typed and none sent before");
	if (!sqlscan_start(&it, t)) {
		free(t);
		return dwh_fail(s, "out of memory");
	}
	while ((stmt = sqlscan_next(&it))) {
		free(last);
		last = strdup(stmt);
	}
	sqlscan_stop(&it);
	free(t);
	if (!last)
		return dwh_fail(s, "\\explain: the last statement is blank");
	rc = cmd_plan(s, last, analyze);
	free(last);
	return rc;
}

const struct dwh_cmd cmd_meta_explain = {
	.name = "\\explain",
	.args = "[analyze]",
	.max_args = 1,
	.help = "the plan of the statement typed or last sent, as a tree (explain QUERY)",
	.detail = "\\explain          the plan as explain QUERY draws it, for the statement being\n"
		  "                  typed or else the last one sent; Enter on a node in the\n"
		  "                  console shows all its fields, Esc goes back to the tree\n"
		  "\\explain analyze  run it too (rolled back): rows that came, time per node",
	.needs_conn = true,
	.exec = exec_meta_explain,
};
