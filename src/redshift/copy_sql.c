/* copy_sql.c — the text of a Redshift stage: sql/redshift/stage_*.sql filled with dwh.cfg's S3
 * paths, IAM role and region (each a quoted literal) and --max-errors. `show sql` prints it and
 * copy_run.c sends it, statement by statement. */
#include "redshift/copy_sql.h"

#include "db/sqlfile.h"

#include <ctype.h>
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
	/* "The MAXERROR default value is 0 and the limit is 100000" ("Data load operations",
	 * https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html): refused
	 * here, before any server sees it */
	if (max_errors > RS_MAXERROR_LIMIT) {
		err_set(&s->err, "stage %s: --max-errors %ld is over Redshift's limit: COPY's MAXERROR "
			"is at most %d (\"Data load operations\", "
			"https://docs.aws.amazon.com/redshift/latest/dg/copy-parameters-data-load.html)",
			which, max_errors, RS_MAXERROR_LIMIT);
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
