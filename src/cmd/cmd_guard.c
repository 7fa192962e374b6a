/* cmd_guard.c — safe by default: a typed DROP, TRUNCATE, or DELETE/UPDATE without WHERE, and
 * dwh's `drop`, ask before they run (the front end's confirm; batch mode needs --yes), and a
 * read-only session (--read-only, \set READ_ONLY on) opens its transactions read-only and
 * refuses dwh's own writing commands. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "base/sqlscan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

enum dwh_rc guard_confirm(struct dwh *s, const char *what)
{
	char q[512];

	if (s->opts.yes)
		return DWH_OK;
	if (!s->out.confirm)
		return dwh_fail(s, "%s: not run without --yes (a destructive statement asks first; "
				"batch mode has nobody to ask)", what);
	snprintf(q, sizeof q, "%s — run it? [y/N] ", what);
	if (!s->out.confirm(s->out.ctx, q))
		return dwh_fail(s, "%s: not run (answer y to go on)", what);
	return DWH_OK;
}

enum dwh_rc guard_statement(struct dwh *s, const char *stmt)
{
	const char *why = sqlscan_destructive(stmt);
	char what[200];
	size_t n;

	if (!why)
		return DWH_OK;
	/* the statement's first line, as typed, names it */
	while (isspace((unsigned char)*stmt))
		stmt++;
	n = strcspn(stmt, "\n");
	snprintf(what, sizeof what, "%s (%.*s%s)", why, (int)(n > 80 ? 80 : n), stmt, n > 80 ? "…" : "");
	return guard_confirm(s, what);
}

/* Whether copy's text reads a file into a table: FROM outside quotes and parentheses. */
static bool copy_from(const char *t)
{
	int depth = 0;
	char q = 0;

	for (const char *p = t; *p; p++) {
		if (q) {
			q = *p == q ? 0 : q;
			continue;
		}
		if (*p == '\'' || *p == '"')
			q = *p;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && depth > 0)
			depth--;
		else if (!depth && (p == t || isspace((unsigned char)p[-1])) && !strncasecmp(p, "from", 4) &&
			 (!p[4] || isspace((unsigned char)p[4])))
			return true;
	}
	return false;
}

enum dwh_rc guard_command(struct dwh *s, int argc, char **argv)
{
	static const char *const writers[] = { "create", "drop", "stage", "load", "run", "step", NULL };
	bool writes = false;

	for (int i = 0; writers[i]; i++)
		writes = writes || !strcmp(argv[0], writers[i]);
	if ((!strcmp(argv[0], "copy") || !strcmp(argv[0], "\\copy")) && argc > 1 && copy_from(argv[1]))
		writes = true;
	if (writes && dwh_session(s)->opts.read_only)
		return dwh_fail(s, "%s: the session is read-only (--read-only or \\set READ_ONLY on); "
				"\\set READ_ONLY off to write", argv[0]);
	if (!strcmp(argv[0], "drop"))
		return guard_confirm(s, argc > 1 ? (!strcmp(argv[1], "star") ? "drop star: the star schema's tables"
					      : "drop staging: the staging tables")
				     : "drop: the star schema, the staging tables and the run log");
	return DWH_OK;
}

enum dwh_rc guard_read_only(struct dwh *s, bool on)
{
	char sql[80];
	PGresult *res;

	s->opts.read_only = on;
	if (!s->conn || PQstatus(s->conn) != CONNECTION_OK)
		return DWH_OK;          /* the next connection's after-connect step sets it */
	snprintf(sql, sizeof sql, "SET default_transaction_read_only = %s", on ? "on" : "off");
	if (!(res = db_query(s, sql)))
		return db_fail_rc(s);
	PQclear(res);
	return DWH_OK;
}
