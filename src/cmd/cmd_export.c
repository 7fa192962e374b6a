/* cmd_export.c — `export csv|tsv|json FILE [--force]`: the result shown (the console's current
 * one, batch mode's last) with all its rows. What the front end holds whole is written from
 * there (the console: in the order shown); a SELECT it does not hold whole runs again,
 * streamed from the server straight into the file, and says so. */
#include "cmd/cmd.h"
#include "view/export.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Whether sql holds `word` as a whole word, in any case (strings and all: a false "yes" only
 * means the rows are written from memory instead). */
static bool has_word(const char *sql, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = sql; *p; p++)
		if (!strncasecmp(p, word, n) && (p == sql || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))
		    && !(isalnum((unsigned char)p[n]) || p[n] == '_'))
			return true;
	return false;
}

/* Whether running the statement again only reads: SELECT, VALUES, TABLE, SHOW, or a WITH
 * without a data-modifying part. */
static bool rerunnable(const char *sql)
{
	char w[16];
	size_t i = 0;

	while (isspace((unsigned char)*sql) || *sql == '(')
		sql++;
	while (isalpha((unsigned char)sql[i]) && i + 1 < sizeof w) {
		w[i] = sql[i];
		i++;
	}
	w[i] = '\0';
	if (!strcasecmp(w, "SELECT") || !strcasecmp(w, "VALUES") || !strcasecmp(w, "TABLE") ||
	    !strcasecmp(w, "SHOW"))
		return !has_word(sql, "INTO");          /* SELECT ... INTO makes a table */
	if (strcasecmp(w, "WITH"))
		return false;
	return !has_word(sql, "INSERT") && !has_word(sql, "UPDATE") && !has_word(sql, "DELETE") &&
	       !has_word(sql, "MERGE") && !has_word(sql, "INTO");
}

static enum dwh_rc exec_export(struct dwh *s, int argc, char **argv)
{
	enum export_fmt fmt;
	const char *path = NULL;
	bool force = false;
	long rows = 0;
	enum dwh_rc rc;

	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--force"))
			force = true;
		else if (!path)
			path = argv[i];
		else
			return dwh_fail(s, "export: one file only (got %s and %s)", path, argv[i]);
	}
	if (argc < 3 || export_format(argv[1], &fmt) < 0 || !path)
		return dwh_fail(s, "usage: export csv|tsv|json FILE [--force]");
	if (!strcmp(path, "-") && !s->hooks.stdout_ok)
		return dwh_fail(s, "export: - (standard output) is for batch mode; name a file");
	if (!force && strcmp(path, "-") && access(path, F_OK) == 0)
		return dwh_fail(s, "%s exists (export ... --force overwrites it)", path);
	char *sql = s->hooks.result_sql ? s->hooks.result_sql(s) : NULL;
	if (sql && rerunnable(sql)) {
		if (strcmp(path, "-"))
			dwh_msg(s, LOG_INFO, "export: %s; running the query again to write all its rows",
				s->hooks.export_rows ? "the result shown stopped before its last row"
						     : "batch mode keeps no rows");
		rc = export_stream(s, sql, fmt, path, force, &rows);
	} else if (s->hooks.export_rows) {
		rc = s->hooks.export_rows(s, (int)fmt, path, force, &rows);
	} else {
		rc = dwh_fail(s, "export: no result to export");
	}
	free(sql);
	if (rc == DWH_OK && strcmp(path, "-"))
		dwh_msg(s, LOG_INFO, "export: %ld row%s to %s (%s)", rows, rows == 1 ? "" : "s", path, argv[1]);
	return rc;
}

static const char *const formats[] = { "csv", "tsv", "json", NULL };

const struct dwh_cmd cmd_export = {
	.name = "export",
	.args = "csv|tsv|json FILE [--force]",
	.min_args = 2,
	.max_args = 3,
	.help = "write the current result, all its rows, to FILE (- for standard output)",
	.detail = "CSV is RFC 4180 with a header, quoted as PostgreSQL's COPY ... CSV HEADER; TSV is "
		  "PostgreSQL's text format with a header line; JSON is an array of objects, numbers "
		  "as numbers and NULL as null. A SELECT runs again, streamed into the file; other "
		  "results are written from memory. The file is written under a temporary name and "
		  "renamed, and an existing file is kept unless --force.",
	.words = formats,
	.needs_conn = false,
	.exec = exec_export,
};
