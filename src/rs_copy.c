/* rs_copy.c — staging on Redshift: fill sql/redshift/stage_*.sql with dwh.cfg's S3 paths, IAM
 * role and region (each a quoted literal), run the COPY, watch STV_LOAD_STATE from a second
 * connection while it runs, and show STL_LOAD_ERRORS when it fails. */
#include "rs_copy.h"

#include "conn.h"
#include "db.h"
#include "sqlfile.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Where each template placeholder comes from. Only REGION may be absent: COPY then uses the
 * cluster's own region, so its line is left out. */
struct rs_var {
	const char *name, *section, *key, *alt_section;
	bool optional, s3;
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
	if (!v->s3 || strncasecmp(val, "s3://", 5) == 0)
		return 0;
	if (strcmp(v->name, "LOG_JSONPATH") == 0 && strncasecmp(val, "auto", 4) == 0)
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
static int rs_put_var(struct dwh *s, const char *name, size_t len, struct buf *out)
{
	const struct rs_var *v = rs_var_find(name, len);
	const char *val;
	char *lit;
	int rc;

	if (!v)
		return err_set(&s->err, "stage template: unknown placeholder :'%.*s'", (int)len, name);
	if (!(val = rs_var_value(s, v)))
		return v->optional ? 1 : -1;
	if (rs_check_s3(s, v, val) < 0)
		return -1;
	if (!(lit = rs_literal(val)))
		return err_set(&s->err, "out of memory");
	rc = buf_add(out, lit, strlen(lit)) < 0 ? err_set(&s->err, "out of memory") : 0;
	free(lit);
	return rc;
}

/* One line of the template with each :'NAME' replaced. Returns 1 when the line must be left
 * out (an optional value is absent), 0 when done, -1 on error. Values are not rescanned. */
static int rs_fill_line(struct dwh *s, const char *line, size_t n, struct buf *out)
{
	size_t i = 0, start = out->len;
	const char *q;

	while (i < n && (q = memchr(line + i, ':', n - i)) != NULL) {
		size_t j = (size_t)(q - line), k = j + 2;
		int rc;

		if (buf_add(out, line + i, j - i) < 0)
			return err_set(&s->err, "out of memory");
		if (j + 1 >= n || line[j + 1] != '\'') {
			if (buf_add(out, ":", 1) < 0)
				return err_set(&s->err, "out of memory");
			i = j + 1;
			continue;
		}
		while (k < n && line[k] != '\'')
			k++;
		if ((rc = rs_put_var(s, line + j + 2, k - j - 2, out)) != 0) {
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
static char *rs_fill(struct dwh *s, const char *tmpl)
{
	struct buf out = { 0 };
	const char *p = tmpl;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p + 1) : strlen(p);
		const char *t = p + strspn(p, " \t");
		int rc = 0;

		if (strncmp(t, "--", 2) == 0)
			rc = buf_add(&out, p, n) < 0 ? err_set(&s->err, "out of memory") : 0;
		else
			rc = rs_fill_line(s, p, n, &out);
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

char *rs_copy_sql(struct dwh *s, const char *which)
{
	char rel[64];
	char *tmpl, *sql;

	if (strcmp(which, "songs") != 0 && strcmp(which, "events") != 0) {
		err_set(&s->err, "stage %s: expected songs or events", which);
		return NULL;
	}
	snprintf(rel, sizeof rel, "redshift/stage_%s.sql", which);
	if (!(tmpl = sqlfile_read_rel(s, rel)))
		return NULL;
	sql = rs_fill(s, tmpl);
	free(tmpl);
	if (!sql) {
		char msg[sizeof s->err.msg];

		snprintf(msg, sizeof msg, "%s", s->err.msg);
		err_set(&s->err, "stage %s: %s", which, msg);
	}
	return sql;
}

/* Progress from STV_LOAD_STATE: one row per slice for the COPY our backend runs. */
static void rs_poll_progress(struct dwh *s, PGconn *mon, int pid, const char *stage, double t0)
{
	char sql[512];
	PGresult *res;
	struct dwh_progress p = { .stage = stage, .eta = -1 };

	snprintf(sql, sizeof sql,
		 "SELECT COALESCE(SUM(bytes_loaded), 0), COALESCE(SUM(bytes_to_load), 0), "
		 "COALESCE(SUM(lines), 0), COALESCE(MAX(num_files_complete), 0), "
		 "COALESCE(MAX(num_files), 0) FROM stv_load_state WHERE session = %d", pid);
	res = PQexec(mon, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		p.bytes_done = atoll(PQgetvalue(res, 0, 0));
		p.bytes_total = atoll(PQgetvalue(res, 0, 1));
		p.rows = atoll(PQgetvalue(res, 0, 2));
		p.files_done = atol(PQgetvalue(res, 0, 3));
		p.files_total = atol(PQgetvalue(res, 0, 4));
		p.elapsed = dwh_now() - t0;
		p.rate = p.elapsed > 0 ? (double)p.rows / p.elapsed : 0;
		if (p.bytes_done > 0 && p.bytes_total > p.bytes_done)
			p.eta = p.elapsed * (double)(p.bytes_total - p.bytes_done) / (double)p.bytes_done;
		dwh_progress(s, &p);
	}
	PQclear(res);
}

/* Send the COPY and wait for it, polling progress about once a second. The result is the
 * COPY's (NULL + s->err when it failed). Ctrl-C reaches it through s->cancel, as any query. */
static PGresult *rs_run_copy(struct dwh *s, const char *sql, const char *stage)
{
	PGconn *mon = conn_clone(s);    /* no monitor, no progress: the COPY still runs */
	int pid = PQbackendPID(s->conn);
	double t0 = dwh_now();
	PGresult *res;

	if (!mon)
		err_clear(&s->err);
	if (!PQsendQuery(s->conn, sql)) {
		err_conn(&s->err, s->conn, stage);
		if (mon)
			PQfinish(mon);
		return NULL;
	}
	while (PQisBusy(s->conn)) {
		struct pollfd pfd = { .fd = PQsocket(s->conn), .events = POLLIN };

		if (poll(&pfd, 1, 1000) == 0 && mon)
			rs_poll_progress(s, mon, pid, stage, t0);
		if (!PQconsumeInput(s->conn))
			break;
	}
	res = db_collect(s, stage);
	if (mon)
		PQfinish(mon);
	return res;
}

/* After a failed COPY: what STL_LOAD_ERRORS says about it (pg_last_copy_id() names the
 * failed load too), shown as a result. */
static void rs_show_load_errors(struct dwh *s)
{
	struct dwh_err keep = s->err;
	PGresult *res;

	if (PQstatus(s->conn) != CONNECTION_OK)
		return;
	/* the DELETE and COPY ran in one transaction, which the failure left aborted */
	if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
		PQclear(PQexec(s->conn, "ROLLBACK"));
	res = db_query(s, "SELECT TRIM(filename) AS file, line_number AS line, TRIM(colname) AS "
		       "\"column\", err_code AS code, TRIM(err_reason) AS reason, "
		       "TRIM(raw_field_value) AS value FROM stl_load_errors "
		       "WHERE query = pg_last_copy_id() ORDER BY starttime, line_number LIMIT 20");
	if (res && PQntuples(res) > 0)
		dwh_result(s, res, "STL_LOAD_ERRORS", -1);
	PQclear(res);
	s->err = keep;
}

int rs_stage(struct dwh *s, const char *which)
{
	char stage[32];
	char *sql;
	const char *table;
	PGresult *res;
	long long rows;
	double t0 = dwh_now();

	snprintf(stage, sizeof stage, "stage %s", which);
	if (s->opts.data_dir) {
		err_set(&s->err, "%s: Redshift cannot read local files (it has no COPY FROM STDIN): "
			"upload them with `aws s3 sync %s s3://BUCKET/PREFIX`, then set [S3] SONG_DATA, "
			"LOG_DATA and LOG_JSONPATH in dwh.cfg to those s3:// paths", stage,
			s->opts.data_dir);
		return DWH_FAIL;
	}
	if (!(sql = rs_copy_sql(s, which)))
		return DWH_FAIL;
	if (db_ensure(s) != DWH_OK) {
		free(sql);
		return DWH_ECONN;
	}
	dwh_stage(s, stage, STAGE_RUNNING, -1, 0);
	res = rs_run_copy(s, sql, stage);
	free(sql);
	if (!res) {
		int rc = db_fail_rc(s);

		rs_show_load_errors(s);
		dwh_stage(s, stage, STAGE_FAILED, -1, dwh_now() - t0);
		return rc;
	}
	PQclear(res);
	table = strcmp(which, "songs") == 0 ? "staging_songs" : "staging_events";
	rows = db_count(s, table);
	dwh_stage(s, stage, STAGE_DONE, rows >= 0 ? rows : -1, dwh_now() - t0);
	dwh_msg(s, LOG_INFO, "staged %lld rows from S3 in %.2f s (%s)", rows, dwh_now() - t0, table);
	return DWH_OK;
}
