/* rs_copy.c — staging on Redshift: fill sql/redshift/stage_*.sql with dwh.cfg's S3 paths, IAM
 * role and region (each a quoted literal) and --max-errors, send its statements one at a time
 * (the same text `show sql` prints), watch the load's progress from a second connection while
 * the COPY runs, and show the failed load's bad records when it fails. Which system views hold
 * progress and errors (provisioned or Serverless) is rs_sys.c's business. */
#include "rs_copy.h"

#include "conn.h"
#include "db.h"
#include "rs_sys.h"
#include "sqlfile.h"
#include "sqlscan.h"

#include <ctype.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where each template placeholder comes from. Only REGION may be absent: COPY then uses the
 * cluster's own region, so its line is left out. MAX_ERRORS (:MAX_ERRORS, unquoted, as psql
 * writes a number) is the stage's --max-errors, not a config value. */
struct rs_var {
	const char *name, *section, *key, *alt_section;
	bool optional, s3;
};

/* What a template is filled from besides dwh.cfg. */
struct rs_fill_ctx {
	struct dwh *s;
	long max_errors;
	const char *from;       /* `stage events --new s3://PREFIX`: the prefix, not [S3]'s */
	bool append;            /* --append: the table's rows are kept (no DELETE) */
};

static const struct rs_var rs_vars[] = {
	{ "LOG_DATA", "S3", "LOG_DATA", NULL, false, true },
	{ "LOG_JSONPATH", "S3", "LOG_JSONPATH", NULL, false, true },
	{ "SONG_DATA", "S3", "SONG_DATA", NULL, false, true },
	{ "ARN", "IAM_ROLE", "ARN", NULL, false, false },
	{ "REGION", "S3", "REGION", "CLUSTER", true, false },
};

char *rs_literal(const char *v)
{
	size_t n = 2;
	char *out, *p;

	for (const char *c = v; *c; c++)
		n += (*c == '\'' || *c == '\\') ? 2 : 1;
	if (!(out = malloc(n + 1)))
		return NULL;
	p = out;
	*p++ = '\'';
	/* Redshift reads backslash escapes in ordinary literals (it predates
	 * standard_conforming_strings), so a backslash is doubled as well as a quote: what
	 * Redshift's own QUOTE_LITERAL does. */
	for (const char *c = v; *c; c++) {
		if (*c == '\'' || *c == '\\')
			*p++ = *c;
		*p++ = *c;
	}
	*p++ = '\'';
	*p = '\0';
	return out;
}

static const struct rs_var *rs_var_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof rs_vars / sizeof rs_vars[0]; i++)
		if (strlen(rs_vars[i].name) == len && strncmp(rs_vars[i].name, name, len) == 0)
			return &rs_vars[i];
	return NULL;
}

/* The value of a placeholder, NULL when absent (s->err set unless it is optional). */
static const char *rs_var_value(struct dwh *s, const struct rs_var *v)
{
	const char *val;

	if (!s->cfg) {
		err_set(&s->err, "staging on Redshift needs dwh.cfg (--config FILE) with [S3] paths "
			"and [IAM_ROLE] ARN");
		return NULL;
	}
	val = cfg_get(s->cfg, v->section, v->key);
	if ((!val || !*val) && v->alt_section)
		val = cfg_get(s->cfg, v->alt_section, v->key);
	if (val && *val)
		return val;
	if (!v->optional) {
		if (!val)
			cfg_need(s->cfg, v->section, v->key, &s->err);
		else
			err_set(&s->err, "%s: [%s] %s is empty", cfg_path(s->cfg), v->section, v->key);
	}
	return NULL;
}

/* Redshift reads only from S3: catch a local path here, with the way to get it there. */
static int rs_check_s3(struct dwh *s, const struct rs_var *v, const char *val)
{
	if (strcmp(v->name, "LOG_JSONPATH") == 0 && strncasecmp(val, "auto", 4) == 0)
		/* 'auto' matches JSON keys to column names ("COPY from JSON format",
		 * docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html); the
		 * log's firstName, userId, sessionId... match no snake_case column and would load as
		 * NULL without an error */
		return err_set(&s->err, "%s: [S3] LOG_JSONPATH = %s cannot stage the events: the log's "
			       "keys are camelCase (firstName, userId, sessionId) and staging_events' "
			       "columns snake_case, so 'auto' would load those columns as NULL without "
			       "an error; set LOG_JSONPATH to the JSONPaths file, e.g. "
			       "s3://udacity-dend/log_json_path.json", cfg_path(s->cfg), val);
	if (!v->s3 || strncasecmp(val, "s3://", 5) == 0)
		return 0;
	return err_set(&s->err, "%s: [%s] %s = %s is not an s3:// path; Redshift can only COPY "
		       "from S3: upload with `aws s3 sync %s s3://BUCKET/PREFIX` and set %s = "
		       "s3://BUCKET/PREFIX", cfg_path(s->cfg), v->section, v->key, val, val, v->key);
}

struct buf {
	char *p;
	size_t len, cap;
};

static int buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		char *np;

		while (b->len + n + 1 > cap)
			cap *= 2;
		if (!(np = realloc(b->p, cap)))
			return -1;
		b->p = np, b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

/* Append placeholder `name` (len bytes) as a quoted literal. 1 when it is optional and absent,
 * 0 when appended, -1 on error. */
static int rs_put_var(struct rs_fill_ctx *c, const char *name, size_t len, struct buf *out)
{
	struct dwh *s = c->s;
	const struct rs_var *v = rs_var_find(name, len);
	const char *val;
	char *lit;
	int rc;

	if (!v)
		return err_set(&s->err, "stage template: unknown placeholder :'%.*s'", (int)len, name);
	if (c->from && (!strcmp(v->name, "LOG_DATA") || !strcmp(v->name, "SONG_DATA")))
		val = c->from;
	else if (!(val = rs_var_value(s, v)))
		return v->optional ? 1 : -1;
	if (rs_check_s3(s, v, val) < 0)
		return -1;
	if (!(lit = rs_literal(val)))
		return err_set(&s->err, "out of memory");
	rc = buf_add(out, lit, strlen(lit)) < 0 ? err_set(&s->err, "out of memory") : 0;
	free(lit);
	return rc;
}

/* :MAX_ERRORS at line[j]: append the number; the length consumed, 0 when it is not that. */
static size_t rs_put_number(struct rs_fill_ctx *c, const char *line, size_t j, size_t n,
			    struct buf *out)
{
	static const char name[] = ":MAX_ERRORS";
	size_t len = sizeof name - 1;
	char num[32];

	if (n - j < len || strncmp(line + j, name, len) != 0 ||
	    (j + len < n && (isalnum((unsigned char)line[j + len]) || line[j + len] == '_')))
		return 0;
	snprintf(num, sizeof num, "%ld", c->max_errors);
	return buf_add(out, num, strlen(num)) < 0 ? 0 : len;
}

/* One line of the template with each :'NAME' and :MAX_ERRORS replaced. Returns 1 when the line
 * must be left out (an optional value is absent), 0 when done, -1 on error. Values are not
 * rescanned. */
static int rs_fill_line(struct rs_fill_ctx *c, const char *line, size_t n, struct buf *out)
{
	struct dwh *s = c->s;
	size_t i = 0, start = out->len;
	const char *q;

	while (i < n && (q = memchr(line + i, ':', n - i)) != NULL) {
		size_t j = (size_t)(q - line), k = j + 2, used;
		int rc;

		if (buf_add(out, line + i, j - i) < 0)
			return err_set(&s->err, "out of memory");
		if ((used = rs_put_number(c, line, j, n, out)) > 0) {
			i = j + used;
			continue;
		}
		if (j + 1 >= n || line[j + 1] != '\'') {
			if (buf_add(out, ":", 1) < 0)
				return err_set(&s->err, "out of memory");
			i = j + 1;
			continue;
		}
		while (k < n && line[k] != '\'')
			k++;
		if ((rc = rs_put_var(c, line + j + 2, k - j - 2, out)) != 0) {
			if (rc == 1 && out->p) {
				out->len = start;
				out->p[start] = '\0';
			}
			return rc;
		}
		i = k + 1;
	}
	return i < n && buf_add(out, line + i, n - i) < 0 ? err_set(&s->err, "out of memory") : 0;
}

/* Fill a template: comment lines are kept as they are; a left-out line gives its ';' to the
 * line before it. */
static char *rs_fill(struct rs_fill_ctx *c, const char *tmpl)
{
	struct dwh *s = c->s;
	struct buf out = { 0 };
	const char *p = tmpl;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		const char *t = p + strspn(p, " \t");
		int rc = 0;

		if (strncmp(t, "--", 2) == 0)
			rc = buf_add(&out, p, n) < 0 ? err_set(&s->err, "out of memory") : 0;
		else if (c->append && strncmp(t, "DELETE FROM ", 12) == 0)
			rc = 0;         /* --append keeps the rows staged before */
		else
			rc = rs_fill_line(c, p, n, &out);
		if (rc < 0) {
			free(out.p);
			return NULL;
		}
		if (rc == 1 && memchr(p, ';', n) && out.len > 0 && out.p[out.len - 1] == '\n') {
			out.len--;
			buf_add(&out, ";\n", 2);
		}
		p += n;
	}
	return out.p ? out.p : strdup("");
}

char *rs_copy_sql(struct dwh *s, const char *which, long max_errors)
{
	return rs_copy_sql_from(s, which, max_errors, NULL, false);
}

char *rs_copy_sql_from(struct dwh *s, const char *which, long max_errors, const char *from,
		       bool append)
{
	struct rs_fill_ctx c = { s, max_errors, from, append };
	char rel[64];
	char *tmpl, *sql;

	if (strcmp(which, "songs") != 0 && strcmp(which, "events") != 0) {
		err_set(&s->err, "stage %s: expected songs or events", which);
		return NULL;
	}
	snprintf(rel, sizeof rel, "redshift/stage_%s.sql", which);
	if (!(tmpl = sqlfile_read_rel(s, rel)))
		return NULL;
	sql = rs_fill(&c, tmpl);
	free(tmpl);
	if (!sql) {
		char msg[sizeof s->err.msg];

		snprintf(msg, sizeof msg, "%s", s->err.msg);
		err_set(&s->err, "stage %s: %s", which, msg);
	}
	return sql;
}

/* One poll of the load's progress (rs_sys.c knows where it is kept). Until Redshift reports
 * anything the figure is not known, and dwh says so once rather than show a made-up 0%. */
static void rs_poll_progress(struct dwh *s, PGconn *mon, const char *sql, const char *stage,
			     double t0, bool *said)
{
	struct dwh_progress p = { .stage = stage, .eta = -1 };
	PGresult *res = PQexec(mon, sql);

	if (rs_progress_row(res, &p)) {
		p.elapsed = dwh_now() - t0;
		p.rate = p.elapsed > 0 ? (double)p.rows / p.elapsed : 0;
		if (p.bytes_done > 0 && p.bytes_total > p.bytes_done)
			p.eta = p.elapsed * (double)(p.bytes_total - p.bytes_done) / (double)p.bytes_done;
		dwh_progress(s, &p);
	} else if (!*said) {
		*said = true;
		dwh_msg(s, LOG_INFO, "%s: progress not yet known (Redshift reports a load's figures "
			"as it goes, per slice, after every million records)", stage);
	}
	PQclear(res);
}

/* Send the COPY and wait for it, polling progress about once a second from a second
 * connection. The result is the COPY's (NULL + s->err when it failed). Ctrl-C reaches it
 * through s->cancel, as any query. */
static PGresult *rs_run_copy(struct dwh *s, const char *sql, const char *stage)
{
	PGconn *mon = conn_clone(s);    /* no monitor, no progress: the COPY still runs */
	char *poll_sql = rs_progress_sql(s->server.serverless, PQbackendPID(s->conn));
	double t0 = dwh_now();
	bool said = false;
	PGresult *res;

	if (!mon)
		err_clear(&s->err);
	if (!PQsendQuery(s->conn, sql)) {
		err_conn(&s->err, s->conn, stage);
		res = NULL;
		goto out;
	}
	while (PQisBusy(s->conn)) {
		struct pollfd pfd = { .fd = PQsocket(s->conn), .events = POLLIN };

		if (poll(&pfd, 1, 1000) == 0 && mon && poll_sql)
			rs_poll_progress(s, mon, poll_sql, stage, t0, &said);
		if (!PQconsumeInput(s->conn))
			break;
	}
	res = db_collect(s, stage);
out:
	free(poll_sql);
	if (mon)
		PQfinish(mon);
	return res;
}

/* After a failed COPY: roll back (the failure left the transaction aborted, and Redshift, as
 * PostgreSQL, answers nothing else until it ends), then show the failed load's bad records:
 * this session's newest load into the table (rs_sys.c says why not pg_last_copy_id()). */
static void rs_show_load_errors(struct dwh *s, const char *table)
{
	struct dwh_err keep = s->err;
	struct rs_load_filter f = { table, PQbackendPID(s->conn),
				    { s->server.rs_after[0], s->server.rs_after[1] } };
	PGresult *res;
	char *sql;

	if (PQstatus(s->conn) != CONNECTION_OK)
		return;
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		PQclear(PQexec(s->conn, "ROLLBACK"));
	sql = rs_errors_sql(s->server.serverless, &f);
	res = sql ? db_query(s, sql) : NULL;
	if (res && PQntuples(res) > 0)
		dwh_result(s, res, rs_errors_view(s->server.serverless), -1);
	PQclear(res);
	free(sql);
	s->err = keep;
}

/* Whether a statement of the template is the COPY (after its comments and blank lines). */
static bool is_copy(const char *stmt)
{
	const char *p = stmt;

	for (;;) {
		p += strspn(p, " \t\r\n");
		if (strncmp(p, "--", 2) != 0)
			break;
		p += strcspn(p, "\n");
	}
	return strncasecmp(p, "COPY", 4) == 0;
}

/* The query id of the statement just run (the DELETE before the COPY), which bounds the search
 * for the COPY's errors from below; 0 when unknown. Serverless needs no bound (rs_sys.c). */
static long long rs_last_query(struct dwh *s)
{
	long long id = 0;
	PGresult *res;

	if (s->server.serverless)
		return 0;
	/* PG_LAST_QUERY_ID: the most recently completed query of the session
	 * (docs.aws.amazon.com/redshift/latest/dg/PG_LAST_QUERY_ID.html) */
	res = PQexec(s->conn, "SELECT pg_last_query_id()");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return id > 0 ? id : 0;
}

/* One statement of the stage: the COPY with progress, any other plainly. */
static int rs_send(struct dwh *s, const char *stmt, const char *stage)
{
	PGresult *res;

	if (is_copy(stmt)) {
		s->server.rs_after[strcmp(stage, "stage songs") == 0 ? 0 : 1] = rs_last_query(s);
		s->server.rs_staged = true;
		res = rs_run_copy(s, stmt, stage);
	} else {
		res = db_query(s, stmt);
	}
	PQclear(res);
	return res ? DWH_OK : db_fail_rc(s);
}

/* The stage's SQL statement by statement, each sent alone: COPY is among the commands Redshift
 * restricts in multi-statement requests (SVL_MULTI_STATEMENT_VIOLATIONS,
 * docs.aws.amazon.com/redshift/latest/dg/r_SVL_MULTI_STATEMENT_VIOLATIONS.html). The pieces
 * are cut from the very text `show sql` prints (rs_copy_sql), comments and all, so what is
 * shown is what is sent. */
static int rs_send_all(struct dwh *s, const char *sql, const char *stage)
{
	struct sqlscan_iter it;
	const char *stmt;
	int rc = DWH_OK;

	if (!sqlscan_start(&it, sql))
		return dwh_fail(s, "out of memory");
	while (rc == DWH_OK && (stmt = sqlscan_next(&it)))
		rc = rs_send(s, stmt, stage);
	sqlscan_stop(&it);
	return rc;
}

int rs_stage(struct dwh *s, const char *which, long max_errors)
{
	return rs_stage_from(s, which, max_errors, NULL, false);
}

int rs_stage_from(struct dwh *s, const char *which, long max_errors, const char *from, bool append)
{
	char stage[32];
	char *sql;
	const char *table = strcmp(which, "songs") == 0 ? "staging_songs" : "staging_events";
	long long rows;
	double t0 = dwh_now();
	int rc;

	snprintf(stage, sizeof stage, "stage %s", which);
	if (s->opts.data_dir) {
		err_set(&s->err, "%s: Redshift cannot read local files (it has no COPY FROM STDIN): "
			"upload them with `aws s3 sync %s s3://BUCKET/PREFIX`, then set [S3] SONG_DATA, "
			"LOG_DATA and LOG_JSONPATH in dwh.cfg to those s3:// paths", stage,
			s->opts.data_dir);
		return DWH_FAIL;
	}
	if (!(sql = rs_copy_sql_from(s, which, max_errors, from, append)))
		return DWH_FAIL;
	if (db_ensure(s) != DWH_OK) {
		free(sql);
		return DWH_ECONN;
	}
	dwh_stage(s, stage, STAGE_RUNNING, -1, 0);
	rc = rs_send_all(s, sql, stage);
	free(sql);
	if (rc != DWH_OK) {
		rs_show_load_errors(s, table);
		dwh_stage(s, stage, STAGE_FAILED, -1, dwh_now() - t0);
		return rc;
	}
	rows = db_count(s, table);
	dwh_stage(s, stage, STAGE_DONE, rows >= 0 ? rows : -1, dwh_now() - t0);
	dwh_msg(s, LOG_INFO, "staged %lld rows from S3 in %.2f s (%s)", rows, dwh_now() - t0, table);
	return DWH_OK;
}
