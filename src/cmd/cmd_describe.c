/* cmd_describe.c — psql's \d family: \d [NAME], \dt, \dv, \di, \dn, \df, \du, \l. Each runs a
 * catalog query from sql/<dialect>/meta_*.sql (Redshift's use SVV_TABLES, SVV_REDSHIFT_COLUMNS
 * and the PG_ catalog, nothing only a superuser may read) with the pattern as parameters, and prints the answer as psql
 * lays it out, as text, so a psql user reads it at a glance in every front end. `\set
 * ECHO_HIDDEN on` shows each query first; `noexec` only shows it (no server needed). */
#include "cmd/cmd.h"
#include "db/db.h"
#include "psql/pattern.h"
#include "view/print.h"
#include "db/sqlfile.h"
#include "psql/vars.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Each line of text as a message of its own, so every front end shows it the same way. */
static void emit(struct dwh *s, const char *text)
{
	const char *p = text;

	while (*p) {
		size_t n = strcspn(p, "\n");

		dwh_msg(s, LOG_INFO, "%.*s", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

static void show_table(struct dwh *s, const PGresult *res, const char *title, bool footer)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return;
	if (s->expanded == 1)
		print_expanded(f, res, title, footer);
	else
		print_table(f, res, title, footer);
	fclose(f);
	emit(s, buf);
	free(buf);
}

/* Whether the dialect is settled: --dialect names it, or the connection has said which engine
 * it is (db_dialect() before connecting would answer "postgres" for a Redshift cluster). */
static bool dialect_known(const struct dwh *s)
{
	return (s->opts.dialect && *s->opts.dialect) || s->conn;
}

static bool echo_hidden(struct dwh *s, bool *noexec)
{
	const char *e = vars_get(s, "ECHO_HIDDEN");

	*noexec = e && !strcmp(e, "noexec");
	return e && (*noexec || !strcmp(e, "on"));
}

/* Run catalog query `file` with n text parameters (NULL ones are SQL NULL). NULL with s->err
 * set on failure, or NULL with *skipped set when ECHO_HIDDEN is noexec. */
static PGresult *catalog(struct dwh *s, const char *file, int n, const char *const *p, bool *skipped)
{
	bool noexec, echo = echo_hidden(s, &noexec);
	char *sql;
	PGresult *res = NULL;

	*skipped = false;
	/* which sql/<dialect>/ the query comes from is the server's to say: connect first, for
	 * the first command of a session too (only --dialect, or noexec with no server at hand,
	 * does without) */
	if (!dialect_known(s) && db_ensure(s) != DWH_OK) {
		if (!noexec)
			return NULL;
		err_clear(&s->err);
	}
	if (!(sql = sqlfile_read(s, file)))
		return NULL;
	if (echo) {
		dwh_msg(s, LOG_INFO, "********* QUERY **********");
		emit(s, sql);
		for (int i = 0; i < n; i++)
			dwh_msg(s, LOG_INFO, "-- $%d = %s%s%s", i + 1, p[i] ? "'" : "",
				p[i] ? p[i] : "NULL", p[i] ? "'" : "");
		dwh_msg(s, LOG_INFO, "**************************");
		dwh_msg(s, LOG_INFO, "%s", "");
		*skipped = noexec;
	}
	if (!*skipped && db_ensure(s) == DWH_OK)
		res = db_queryp(s, sql, n, p);
	free(sql);
	return res;
}

static enum dwh_rc failed(struct dwh *s, bool skipped)
{
	return skipped ? DWH_OK : db_fail_rc(s);
}

/* Whether the catalog queries are Redshift's (connecting first, as catalog() does). */
static bool redshift(struct dwh *s)
{
	if (!dialect_known(s) && db_ensure(s) != DWH_OK)
		err_clear(&s->err);     /* the query that follows says what is wrong */
	return !strcmp(db_dialect(s), "redshift");
}

/* On Redshift, with no schema in the pattern: the search path's schemas as a regular expression
 * ("^(public|x)$"), from current_schemas(), a leader node-only function asked with no table, so
 * the leader node answers it; beside SVV_TABLES it would be an error ("Leader node-only
 * functions", https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
 * The answer is an array's text form, {a,"b c"}; names are matched literally. */
static enum dwh_rc search_path_regex(struct dwh *s, char *buf, size_t n)
{
	PGresult *res;
	const char *a;
	size_t o = 0;
	bool noexec;

	if (echo_hidden(s, &noexec) && noexec && !s->conn) {   /* only shown: nothing to ask */
		snprintf(buf, n, "^(the search path's schemas)$");
		return DWH_OK;
	}
	if (!(res = db_query(s, "SELECT current_schemas(false)")))
		return db_fail_rc(s);
	a = PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : "{}";
	o += (size_t)snprintf(buf, n, "^(");
	for (const char *p = a + (*a == '{'); *p && *p != '}' && o + 8 < n; ) {
		bool quoted = *p == '"';

		p += quoted;
		while (*p && o + 8 < n && (quoted ? *p != '"' : (*p != ',' && *p != '}'))) {
			if (quoted && *p == '\\' && p[1])
				p++;
			if (strchr("\\.^$|?*+()[]{}", *p))
				buf[o++] = '\\';
			buf[o++] = *p++;
		}
		p += quoted && *p == '"';
		if (*p == ',') {
			buf[o++] = '|';
			p++;
		}
	}
	PQclear(res);
	if (o + 3 >= n)
		return dwh_fail(s, "the search path is too long to list");
	snprintf(buf + o, n - o, ")$");
	return DWH_OK;
}

/* The pattern's name and schema expressions as query parameters (NULL when absent). */
static enum dwh_rc pattern_params(struct dwh *s, const char *pattern, char *name, char *schema, size_t n,
			  const char **pn, const char **ps)
{
	*pn = *ps = NULL;
	if (!pattern)
		return DWH_OK;
	if (!describe_pattern(pattern, name, n, schema, n))
		return dwh_fail(s, "pattern too long: %s", pattern);
	*pn = name[0] ? name : NULL;
	*ps = schema[0] ? schema : NULL;
	return DWH_OK;
}

struct listing {
	const char *file, *title;
	const char *kinds;      /* relation kinds ($3), NULL when the query takes none */
	bool schema_part;       /* the pattern may name a schema ($2) */
	bool uncounted;         /* psql prints no "(N rows)" under it (\du) */
};

static enum dwh_rc list(struct dwh *s, const char *pattern, const struct listing *l)
{
	char name[1100], schema[1100];
	const char *p[3];
	bool skipped;
	PGresult *res;
	enum dwh_rc rc = pattern_params(s, pattern, name, schema, sizeof name, &p[0], &p[1]);

	if (rc != DWH_OK)
		return rc;
	if (!l->schema_part && pattern)     /* \dn, \du, \l: the whole pattern is the name */
		p[0] = describe_pattern(pattern, name, sizeof name, schema, sizeof schema) &&
		       !schema[0] ? name : p[0];
	p[2] = l->kinds;
	if (l->schema_part && !p[1] && redshift(s)) {
		if ((rc = search_path_regex(s, schema, sizeof schema)) != DWH_OK)
			return rc;
		p[1] = schema;
	}
	if (!(res = catalog(s, l->file, l->kinds ? 3 : l->schema_part ? 2 : 1, p, &skipped)))
		return failed(s, skipped);
	if (PQntuples(res) == 0 && l->kinds) {
		if (pattern)
			dwh_msg(s, LOG_INFO, "Did not find any relation named \"%s\".", pattern);
		else
			dwh_msg(s, LOG_INFO, "Did not find any relations.");
	} else {
		show_table(s, res, l->title, !l->uncounted);
		dwh_msg(s, LOG_INFO, "%s", "");
	}
	PQclear(res);
	return DWH_OK;
}

static const char *kind_word(char k)
{
	switch (k) {
	case 'v': return "View";
	case 'm': return "Materialized view";
	case 'S': return "Sequence";
	case 'f': return "Foreign table";
	case 'p': return "Partitioned table";
	case 'i': case 'I': return "Index";
	default: return "Table";
	}
}

/* Indexes, constraints and references, under psql's headings. */
static enum dwh_rc show_footers(struct dwh *s, const char *const *p)
{
	bool skipped;
	PGresult *res = catalog(s, "meta_footers", 2, p, &skipped);
	const char *last = "";

	if (!res)
		return failed(s, skipped);
	for (int r = 0; r < PQntuples(res); r++) {
		if (strcmp(last, PQgetvalue(res, r, 0)))
			dwh_msg(s, LOG_INFO, "%s", PQgetvalue(res, r, 0));
		last = PQgetvalue(res, r, 0);
		dwh_msg(s, LOG_INFO, "    %s", PQgetvalue(res, r, 1));
	}
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc show_viewdef(struct dwh *s, const char *const *p)
{
	bool skipped;
	PGresult *res = catalog(s, "meta_viewdef", 2, p, &skipped);

	if (!res)
		return failed(s, skipped);
	if (PQntuples(res) > 0) {
		dwh_msg(s, LOG_INFO, "View definition:");
		emit(s, PQgetvalue(res, 0, 0));
	}
	PQclear(res);
	return DWH_OK;
}

/* res without its columns named in `drop` (a view's \d+ has no compression, no statistics
 * target); res itself when there are none. */
static PGresult *without_columns(PGresult *res, const char *const *drop)
{
	int nf = PQnfields(res), keep[nf + 1], nk = 0;
	PGresAttDesc attrs[nf + 1];
	PGresult *out;

	for (int c = 0; c < nf; c++) {
		bool dropped = false;

		for (const char *const *d = drop; *d; d++)
			dropped |= !strcmp(PQfname(res, c), *d);
		if (!dropped)
			keep[nk++] = c;
	}
	if (nk == nf || !(out = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK)))
		return res;
	for (int k = 0; k < nk; k++)
		attrs[k] = (PGresAttDesc){ .name = PQfname(res, keep[k]), .typid = PQftype(res, keep[k]),
					   .typlen = -1, .atttypmod = -1 };
	if (!PQsetResultAttrs(out, nk, attrs)) {
		PQclear(out);
		return res;
	}
	for (int r = 0; r < PQntuples(res); r++)
		for (int k = 0; k < nk; k++)
			PQsetvalue(out, r, k, PQgetvalue(res, r, keep[k]), PQgetlength(res, r, keep[k]));
	PQclear(res);
	return out;
}

/* \d+'s last footer on PostgreSQL: a table's access method. */
static enum dwh_rc show_access_method(struct dwh *s, const char *const *p)
{
	bool skipped;
	PGresult *res = catalog(s, "meta_access_method", 2, p, &skipped);

	if (!res)
		return failed(s, skipped);
	if (PQntuples(res) > 0)
		dwh_msg(s, LOG_INFO, "Access method: %s", PQgetvalue(res, 0, 0));
	PQclear(res);
	return DWH_OK;
}

static enum dwh_rc describe_one(struct dwh *s, const char *schema, const char *name, char kind, bool plus)
{
	static const char *const view_drops[] = { "Compression", "Stats target", NULL };
	const char *p[2] = { schema, name };
	char title[600];
	bool skipped;
	PGresult *res = catalog(s, plus ? "meta_columns_plus" : "meta_columns", 2, p, &skipped);
	enum dwh_rc rc = DWH_OK;

	if (!res)
		return failed(s, skipped);
	if (plus && kind == 'v')
		res = without_columns(res, view_drops);
	snprintf(title, sizeof title, "%s \"%s.%s\"", kind_word(kind), schema, name);
	show_table(s, res, title, false);
	PQclear(res);
	if (strchr("rpm", kind))
		rc = show_footers(s, p);
	if (rc == DWH_OK && strchr("vm", kind))
		rc = show_viewdef(s, p);
	if (rc == DWH_OK && plus && strchr("rm", kind) && !redshift(s))
		rc = show_access_method(s, p);
	dwh_msg(s, LOG_INFO, "%s", "");
	return rc;
}

static enum dwh_rc describe(struct dwh *s, const char *pattern, bool plus)
{
	char name[1100], schema[1100];
	const char *p[2];
	bool skipped;
	PGresult *res;
	enum dwh_rc rc = pattern_params(s, pattern, name, schema, sizeof name, &p[0], &p[1]);

	if (rc != DWH_OK)
		return rc;
	if (!p[0])
		p[0] = "^(.*)$";
	if (!p[1] && redshift(s)) {
		if ((rc = search_path_regex(s, schema, sizeof schema)) != DWH_OK)
			return rc;
		p[1] = schema;
	}
	if (!(res = catalog(s, "meta_find", 2, p, &skipped)))
		return failed(s, skipped);
	if (PQntuples(res) == 0)
		dwh_msg(s, LOG_INFO, "Did not find any relation named \"%s\".", pattern);
	for (int r = 0; r < PQntuples(res) && rc == DWH_OK && !s->interrupted; r++)
		rc = describe_one(s, PQgetvalue(res, r, 0), PQgetvalue(res, r, 1), PQgetvalue(res, r, 2)[0],
				  plus);
	PQclear(res);
	return rc;
}

static enum dwh_rc exec_d(struct dwh *s, int argc, char **argv)
{
	static const struct listing all = {
		.file = "meta_relations",
		.title = "List of relations",
		.kinds = "rpvmSf",
		.schema_part = true,
	};

	return argc > 1 ? describe(s, argv[1], false) : list(s, NULL, &all);
}

/* \d+ and \dt+: psql's extra columns (size, storage, description...), from *_plus.sql */
static enum dwh_rc exec_d_plus(struct dwh *s, int argc, char **argv)
{
	static const struct listing all = {
		.file = "meta_relations_plus",
		.title = "List of relations",
		.kinds = "rpvmSf",
		.schema_part = true,
	};

	return argc > 1 ? describe(s, argv[1], true) : list(s, NULL, &all);
}

static enum dwh_rc exec_dt_plus(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_relations_plus",
		.title = "List of relations",
		.kinds = "rp",
		.schema_part = true,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_dt(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_relations",
		.title = "List of relations",
		.kinds = "rp",
		.schema_part = true,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_dv(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_relations",
		.title = "List of relations",
		.kinds = "v",
		.schema_part = true,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_di(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_indexes",
		.title = "List of relations",
		.kinds = NULL,
		.schema_part = true,
	};

	if (redshift(s)) {
		dwh_msg(s, LOG_INFO, "Redshift has no indexes: a table's sort key and distribution key "
			"take their place (\\d TABLE shows them).");
		return DWH_OK;
	}
	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_dn(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_schemas",
		.title = "List of schemas",
		.kinds = NULL,
		.schema_part = false,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_df(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_functions",
		.title = "List of functions",
		.kinds = NULL,
		.schema_part = true,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_du(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_roles",
		.title = "List of roles",
		.kinds = NULL,
		.schema_part = false,
		.uncounted = true,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

static enum dwh_rc exec_l(struct dwh *s, int argc, char **argv)
{
	static const struct listing l = {
		.file = "meta_databases",
		.title = "List of databases",
		.kinds = NULL,
		.schema_part = false,
	};

	return list(s, argc > 1 ? argv[1] : NULL, &l);
}

#define DESCRIBE(sym, nm, ar, hl, fn)                                           \
	const struct dwh_cmd sym = { .name = nm, .args = ar, .max_args = 1,    \
				     .help = hl, .exec = fn }

DESCRIBE(cmd_meta_d, "\\d", "[PATTERN]",
	 "a table's or view's columns, indexes, constraints (a view: its definition); alone: the relations",
	 exec_d);
DESCRIBE(cmd_meta_d_plus, "\\d+", "[PATTERN]",
	 "\\d with psql's extra columns: storage, compression, statistics target, description; "
	 "alone: relations with size and description", exec_d_plus);
DESCRIBE(cmd_meta_dt_plus, "\\dt+", "[PATTERN]", "\\dt with persistence, access method, size, description",
	 exec_dt_plus);
DESCRIBE(cmd_meta_dt, "\\dt", "[PATTERN]", "list tables (patterns as psql: \\dt staging_*)", exec_dt);
DESCRIBE(cmd_meta_dv, "\\dv", "[PATTERN]", "list views", exec_dv);
DESCRIBE(cmd_meta_di, "\\di", "[PATTERN]", "list indexes", exec_di);
DESCRIBE(cmd_meta_dn, "\\dn", "[PATTERN]", "list schemas", exec_dn);
DESCRIBE(cmd_meta_df, "\\df", "[PATTERN]", "list functions", exec_df);
DESCRIBE(cmd_meta_du, "\\du", "[PATTERN]", "list roles", exec_du);
DESCRIBE(cmd_meta_l, "\\l", "[PATTERN]", "list databases", exec_l);
