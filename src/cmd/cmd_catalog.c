/* cmd_catalog.c — `catalog`: the database as a tree, schemas → tables and views (with their
 * rows) → columns (type, NOT NULL, keys), from the same catalog queries as the \d family
 * (sql/<dialect>/meta_*.sql), so it works on Redshift too. The console browses the tree
 * (s->hooks.catalog: expand, preview, \d, filter); batch mode and the plain prompt print it
 * as indented text.
 *
 * Rows: dwh's own tables in the current schema as dwh counts them (counts_refresh, the Tables
 * pane's figures); another table counted with count(*) when the planner's estimate says it is
 * small, else the estimate marked "≈". Views are not counted (one could run for minutes). */
#include "cmd/cmd.h"
#include "db/db.h"
#include "db/result.h"
#include "db/sqlfile.h"
#include "etl/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_BELOW 100000      /* estimated rows under which a table is counted exactly */
#define COUNT_PAGES 128         /* never analyzed (estimate -1): counted when this small */
#define COLUMNS_MAX 500         /* relations whose columns are listed; past it, \d TABLE */
#define STR_(x) #x
#define STR(x) STR_(x)

/* The tree's columns, one row per node in display order (a parent before its children). */
enum { T_DEPTH, T_KIND, T_SCHEMA, T_TABLE, T_NAME, T_TYPE, T_DETAIL, T_PREVIEW, T_DESCRIBE, T_NCOLS };
static const char *const tree_cols[T_NCOLS] = {
	"depth", "kind", "schema", "table", "name", "type", "detail", "preview", "describe" };

struct builder {
	PGresult *tree;
	int n;
	bool failed;
	char preview[1200], describe[1200];     /* the relation's, quoted (PQescapeIdentifier) */
};

static void node(struct builder *b, int depth, const char *kind, const char *schema,
		 const char *table, const char *name, const char *type, const char *detail)
{
	const char *v[T_NCOLS] = { depth == 0 ? "0" : depth == 1 ? "1" : "2", kind, schema,
				   table, name, type, detail, depth ? b->preview : "",
				   depth ? b->describe : "" };

	for (int c = 0; c < T_NCOLS && !b->failed; c++)
		b->failed = result_set(b->tree, b->n, c, v[c] ? v[c] : "") != 0;
	b->n++;
}

static bool system_schema(const char *n)
{
	return !strncmp(n, "pg_", 3) || !strcmp(n, "information_schema");
}

/* The row count of one table, as the line says it: "6820 rows (counted)". */
static enum dwh_rc rows_text(struct dwh *s, const char *schema, const char *table, const char *cur,
			     const PGresult *dwh_counts, const PGresult *sizes, char *buf, size_t n)
{
	long long est = -1, pages = 0;
	bool known = false;
	char *qs, *qt, *sql;
	PGresult *res;

	if (dwh_counts && cur && !strcmp(schema, cur))
		for (int r = 0; r < PQntuples(dwh_counts); r++)
			if (!strcmp(PQgetvalue(dwh_counts, r, 0), table)) {
				snprintf(buf, n, "%s rows (dwh's count)", PQgetvalue(dwh_counts, r, 1));
				return DWH_OK;
			}
	for (int r = 0; sizes && r < PQntuples(sizes); r++)
		if (!strcmp(PQgetvalue(sizes, r, 0), schema) && !strcmp(PQgetvalue(sizes, r, 1), table)) {
			est = atoll(PQgetvalue(sizes, r, 2));
			pages = atoll(PQgetvalue(sizes, r, 3));
			known = true;
		}
	if (known && (est >= COUNT_BELOW || (est < 0 && pages >= COUNT_PAGES))) {
		if (est < 0)
			snprintf(buf, n, "≈? rows (never analyzed)");
		else
			snprintf(buf, n, "≈%lld rows (estimate)", est);
		return DWH_OK;
	}
	if (!(qs = db_ident(s, schema)))
		return db_fail_rc(s);
	if (!(qt = db_ident(s, table))) {
		free(qs);
		return db_fail_rc(s);
	}
	if ((sql = malloc(strlen(qs) + strlen(qt) + 32)))
		sprintf(sql, "SELECT count(*) FROM %s.%s", qs, qt);
	free(qs), free(qt);
	if (!sql)
		return dwh_fail(s, "out of memory");
	res = db_query(s, sql);
	free(sql);
	if (!res) {             /* no right to read it: say so on its line, go on */
		snprintf(buf, n, "rows not counted: %s", s->err.msg);
		err_clear(&s->err);
		return DWH_OK;
	}
	snprintf(buf, n, "%s rows (counted)", PQgetvalue(res, 0, 0));
	PQclear(res);
	return DWH_OK;
}

/* The key marks of a column: "PK", "FK → users" (PostgreSQL, meta_keys), "dist key",
 * "sort key 1" (Redshift's meta_columns). */
static void key_marks(bool rs, const PGresult *cols, int r, const PGresult *keys, char *buf, size_t n)
{
	const char *col = PQgetvalue(cols, r, 0);
	size_t o = 0;

	buf[0] = '\0';
	if (rs) {
		int dk = PQfnumber(cols, "\"Dist key\""), sk = PQfnumber(cols, "\"Sort key\"");

		if (dk >= 0 && *PQgetvalue(cols, r, dk))
			o += (size_t)snprintf(buf + o, n - o, "dist key");
		if (sk >= 0 && *PQgetvalue(cols, r, sk) && o < n)
			snprintf(buf + o, n - o, "%ssort key %s", o ? ", " : "", PQgetvalue(cols, r, sk));
		return;
	}
	for (int k = 0; keys && k < PQntuples(keys) && o < n; k++) {
		if (strcmp(PQgetvalue(keys, k, 0), col))
			continue;
		if (*PQgetvalue(keys, k, 2))
			o += (size_t)snprintf(buf + o, n - o, "%s%s → %s", o ? ", " : "", PQgetvalue(keys, k, 1),
					      PQgetvalue(keys, k, 2));
		else
			o += (size_t)snprintf(buf + o, n - o, "%s%s", o ? ", " : "", PQgetvalue(keys, k, 1));
	}
}

static enum dwh_rc add_columns(struct dwh *s, struct builder *b, const char *schema, const char *table)
{
	const char *p[2] = { schema, table };
	bool rs = !strcmp(db_dialect(s), "redshift");
	PGresult *cols = sqlfile_query(s, "meta_columns", 2, p), *keys = NULL;
	int nn;

	if (!cols)
		return db_fail_rc(s);
	if (!rs && !(keys = sqlfile_query(s, "meta_keys", 2, p))) {
		PQclear(cols);
		return db_fail_rc(s);
	}
	nn = PQfnumber(cols, "\"Nullable\"");      /* quoted: PQfnumber folds case */
	for (int r = 0; r < PQntuples(cols); r++) {
		char marks[300], detail[400];

		key_marks(rs, cols, r, keys, marks, sizeof marks);
		snprintf(detail, sizeof detail, "%s%s%s", nn >= 0 ? PQgetvalue(cols, r, nn) : "",
			 nn >= 0 && *PQgetvalue(cols, r, nn) && marks[0] ? ", " : "", marks);
		node(b, 2, "column", schema, table, PQgetvalue(cols, r, 0), PQgetvalue(cols, r, 1), detail);
	}
	PQclear(cols);
	PQclear(keys);
	return DWH_OK;
}

/* The statements the console runs for a relation: its first rows, and \d for it. */
static enum dwh_rc quote_names(struct dwh *s, struct builder *b, const char *schema, const char *table)
{
	char *qs = db_ident(s, schema), *qt = qs ? db_ident(s, table) : NULL;

	if (!qt) {
		free(qs);
		return db_fail_rc(s);
	}
	snprintf(b->preview, sizeof b->preview, "SELECT * FROM %s.%s LIMIT 50;", qs, qt);
	snprintf(b->describe, sizeof b->describe, "\\d %s.%s", qs, qt);
	free(qs), free(qt);
	return DWH_OK;
}

static enum dwh_rc add_schema(struct dwh *s, struct builder *b, const char *schema, const PGresult *rels,
			      const char *cur, const PGresult *counts, const PGresult *sizes, int *listed)
{
	int nt = 0, nv = 0;
	char detail[64];
	enum dwh_rc rc = DWH_OK;

	for (int r = 0; r < PQntuples(rels); r++)
		if (!strcmp(PQgetvalue(rels, r, 0), schema))
			*(strstr(PQgetvalue(rels, r, 2), "view") ? &nv : &nt) += 1;
	snprintf(detail, sizeof detail, "%d table%s, %d view%s", nt, nt == 1 ? "" : "s", nv, nv == 1 ? "" : "s");
	node(b, 0, "schema", schema, "", schema, "schema", detail);
	for (int r = 0; r < PQntuples(rels) && rc == DWH_OK && !s->interrupted; r++) {
		const char *t = PQgetvalue(rels, r, 1), *type = PQgetvalue(rels, r, 2);
		bool view = strstr(type, "view") != NULL;
		char rows[400] = "";

		if (strcmp(PQgetvalue(rels, r, 0), schema))
			continue;
		if ((rc = quote_names(s, b, schema, t)) != DWH_OK)
			break;
		if (!view)
			rc = rows_text(s, schema, t, cur, counts, sizes, rows, sizeof rows);
		else
			snprintf(rows, sizeof rows, "not counted (a view)");
		node(b, 1, view ? "view" : "table", schema, t, t, type, rows);
		if (rc == DWH_OK && ++*listed <= COLUMNS_MAX)
			rc = add_columns(s, b, schema, t);
		else if (rc == DWH_OK)  /* one query per relation: said, never silently left out */
			node(b, 2, "note", schema, t, "(columns not listed past the first "
			     STR(COLUMNS_MAX) " relations: d describes it)", "", "");
	}
	return rc;
}

/* The whole tree as a result (the caller PQclears it), or NULL with s->err set. */
static PGresult *build(struct dwh *s)
{
	bool rs = !strcmp(db_dialect(s), "redshift");
	const char *rp[3] = { NULL, ".*", rs ? "rv" : "rpvm" };
	PGresult *schemas = NULL, *rels = NULL, *sizes = NULL, *counts = NULL, *cur = NULL;
	struct builder b = { .tree = result_new(T_NCOLS, tree_cols, NULL) };
	enum dwh_rc rc = DWH_FAIL;
	int listed = 0;

	if (!b.tree) {
		dwh_fail(s, "out of memory");
		return NULL;
	}
	if (!(schemas = sqlfile_query(s, "meta_schemas", 1, rp)) ||
	    !(rels = sqlfile_query(s, "meta_relations", 3, rp)) ||
	    !(sizes = sqlfile_query(s, "meta_sizes", 0, NULL)) ||
	    !(cur = db_query(s, "SELECT current_schema()")) ||
	    counts_refresh(s, &counts) != DWH_OK)
		goto out;
	rc = DWH_OK;
	for (int i = 0; i < PQntuples(schemas) && rc == DWH_OK && !s->interrupted; i++)
		if (!system_schema(PQgetvalue(schemas, i, 0)))
			rc = add_schema(s, &b, PQgetvalue(schemas, i, 0), rels,
					PQntuples(cur) ? PQgetvalue(cur, 0, 0) : NULL, counts, sizes, &listed);
	if (rc == DWH_OK && b.failed)
		rc = dwh_fail(s, "out of memory");
out:
	if (rc != DWH_OK && !s->err.msg[0])
		db_fail_rc(s);
	PQclear(schemas), PQclear(rels), PQclear(sizes), PQclear(counts), PQclear(cur);
	if (rc != DWH_OK) {
		PQclear(b.tree);
		return NULL;
	}
	return b.tree;
}

/* Batch mode and the plain prompt: the tree as indented lines. */
static void print_tree(struct dwh *s, const PGresult *t)
{
	for (int r = 0; r < PQntuples(t); r++) {
		int d = atoi(PQgetvalue(t, r, T_DEPTH));
		const char *kind = PQgetvalue(t, r, T_KIND), *detail = PQgetvalue(t, r, T_DETAIL);

		if (d == 0)
			dwh_msg(s, LOG_INFO, "%s (schema: %s)", PQgetvalue(t, r, T_NAME), detail);
		else if (d == 1)
			dwh_msg(s, LOG_INFO, "  %s (%s, %s)", PQgetvalue(t, r, T_NAME), kind, detail);
		else
			dwh_msg(s, LOG_INFO, "    %s %s%s%s", PQgetvalue(t, r, T_NAME), PQgetvalue(t, r, T_TYPE),
				*detail ? " " : "", detail);
	}
	if (PQntuples(t) == 0)
		dwh_msg(s, LOG_INFO, "no schemas");
}

static enum dwh_rc exec_catalog(struct dwh *s, int argc, char **argv)
{
	PGresult *t;
	enum dwh_rc rc = DWH_OK;

	(void)argc, (void)argv;
	if (!(t = build(s)))
		return DWH_FAIL;
	if (s->hooks.catalog)
		rc = s->hooks.catalog(s, t);
	else
		print_tree(s, t);
	PQclear(t);
	return rc;
}

const struct dwh_cmd cmd_catalog = {
	.name = "catalog",
	.args = "",
	.min_args = 0,
	.max_args = 0,
	.help = "the database as a tree: schemas, tables and views with rows, columns with keys (F2)",
	.detail = "In the console the tree takes the Result pane: Enter or Right (l) opens a node, Left (h)\n"
		  "closes it, Enter on a table shows its first 50 rows, d shows \\d for it, typing\n"
		  "filters by name (Esc clears the filter). Rows: dwh's count for its own tables, else\n"
		  "count(*) for a small table and the planner's estimate (≈) for a big one; views are\n"
		  "not counted. Elsewhere it prints the tree as indented text.",
	.needs_conn = true,
	.exec = exec_catalog,
};
