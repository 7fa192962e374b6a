/* cmd_copy.c — `copy (QUERY) TO FILE` and psql's `\copy`: COPY ... TO STDOUT streamed from the
 * server into a file on this machine (written under a temporary name and renamed), or a file
 * sent to COPY ... FROM STDIN, with the progress bar, as psql's \copy does. Options after the
 * file (csv header, WITH (...)) go to the server's COPY as written. */
#include "cmd/cmd.h"

#include "db/db.h"
#include "db/stream.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* Past a parenthesised part starting at p ('('), quotes and nesting honoured; NULL if open. */
static const char *past_parens(const char *p)
{
	int depth = 0;
	char q = 0;

	for (; *p; p++) {
		if (q) {
			if (*p == q)
				q = 0;
		} else if (*p == '\'' || *p == '"') {
			q = *p;
		} else if (*p == '(') {
			depth++;
		} else if (*p == ')' && --depth == 0) {
			return p + 1;
		}
	}
	return NULL;
}

struct copy_spec {
	char *source;           /* "(SELECT ...)" or "table (cols)" */
	bool from;              /* FROM a file (else TO) */
	char *file;
	const char *options;    /* the rest, as typed */
};

/* "SOURCE TO|FROM FILE [OPTIONS]". -1 with why set. */
static int parse(char *text, struct copy_spec *c, char *why, size_t n)
{
	char *p = text + strspn(text, " \t\n"), *end;

	if (*p == '(') {
		if (!(end = (char *)past_parens(p)))
			return snprintf(why, n, "the query's parenthesis is not closed"), -1;
	} else {
		end = p + strcspn(p, " \t\n(");
		char *after = end + strspn(end, " \t\n");
		if (*after == '(') {                    /* a column list */
			if (!(end = (char *)past_parens(after)))
				return snprintf(why, n, "the column list is not closed"), -1;
		}
	}
	if (end == p)
		return snprintf(why, n, "expected (QUERY) or a table"), -1;
	c->source = strndup(p, (size_t)(end - p));
	p = end + strspn(end, " \t\n");
	if (!strncasecmp(p, "to", 2) && isspace((unsigned char)p[2]))
		c->from = false;
	else if (!strncasecmp(p, "from", 4) && isspace((unsigned char)p[4]))
		c->from = true;
	else
		return snprintf(why, n, "expected TO or FROM after %s", c->source), -1;
	p += c->from ? 4 : 2;
	p += strspn(p, " \t\n");
	if (*p == '\'') {                               /* 'file name', '' for a quote */
		char *o = c->file = malloc(strlen(p) + 1);
		for (p++; o && *p && !(*p == '\'' && p[1] != '\''); p++)
			*o++ = *p == '\'' ? *++p : *p;
		if (!o || *p != '\'')
			return snprintf(why, n, "the file name's quote is not closed"), -1;
		*o = '\0';
		p++;
	} else {
		size_t len = strcspn(p, " \t\n");
		c->file = strndup(p, len);
		p += len;
	}
	if (!c->file || !*c->file)
		return snprintf(why, n, "expected a file name"), -1;
	if (!strcasecmp(c->file, "stdin") || !strcasecmp(c->file, "stdout") ||
	    !strcasecmp(c->file, "pstdin") || !strcasecmp(c->file, "pstdout"))
		return snprintf(why, n, "name a file (%s is not supported here)", c->file), -1;
	c->options = p + strspn(p, " \t\n");
	return 0;
}

static void report_progress(struct dwh *s, int64_t bytes, int64_t total, int64_t rows, double t0,
			    double *last, bool force)
{
	double now = dwh_now();

	if (!force && now - *last < 0.2)
		return;
	*last = now;
	struct dwh_progress pr = { .stage = "copy", .bytes_done = bytes, .bytes_total = total,
				   .rows = rows, .elapsed = now - t0,
				   .rate = now > t0 ? (double)rows / (now - t0) : 0, .eta = -1 };
	if (total > 0 && bytes > 0)
		pr.eta = (now - t0) * (double)(total - bytes) / (double)bytes;
	dwh_progress(s, &pr);
}

/* The COPY's final result (res, from db_copy_*_end): DWH_OK with the row count, or its
 * error. */
static enum dwh_rc copy_rows(struct dwh *s, PGresult *res, long long *rows)
{
	if (!res)
		return db_fail_rc(s);
	*rows = atoll(PQcmdTuples(res));
	PQclear(res);
	return DWH_OK;
}

/* A file under a temporary name beside c->file; NULL with s->err set. */
static FILE *temp_beside(struct dwh *s, const struct copy_spec *c, char **tmp)
{
	size_t n = strlen(c->file) + 16;
	int fd;
	FILE *f;

	if (!(*tmp = malloc(n))) {
		dwh_fail(s, "out of memory");
		return NULL;
	}
	snprintf(*tmp, n, "%s.tmpXXXXXX", c->file);
	if ((fd = mkstemp(*tmp)) < 0 || !(f = fdopen(fd, "w"))) {
		dwh_fail(s, "%s: %s", c->file, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return NULL;
	}
	fchmod(fd, 0644);
	return f;
}

static enum dwh_rc copy_to(struct dwh *s, const struct copy_spec *c, long long *rows)
{
	char *tmp, *buf;
	int len;
	enum dwh_rc rc = DWH_OK, end;
	int64_t bytes = 0, lines = 0;
	double t0 = dwh_now(), last = 0;
	FILE *f = temp_beside(s, c, &tmp);

	if (!f) {
		struct dwh_err keep = s->err;
		long long ignored;

		copy_rows(s, db_copy_out_end(s, "copy"), &ignored);    /* the server is sending */
		s->err = keep;
		return DWH_FAIL;
	}
	while ((len = db_copy_get(s, &buf)) > 0) {
		if (rc == DWH_OK && fwrite(buf, 1, (size_t)len, f) != (size_t)len)
			rc = dwh_fail(s, "%s: %s", c->file, strerror(errno));
		bytes += len;
		lines += buf[len - 1] == '\n';
		PQfreemem(buf);
		report_progress(s, bytes, 0, lines, t0, &last, false);
	}
	report_progress(s, bytes, 0, lines, t0, &last, true);
	if ((fflush(f) != 0 || fsync(fileno(f)) != 0) && rc == DWH_OK)
		rc = dwh_fail(s, "%s: %s", c->file, strerror(errno));
	fclose(f);
	end = copy_rows(s, db_copy_out_end(s, "copy"), rows);
	if (rc == DWH_OK)
		rc = end;
	if (rc == DWH_OK && rename(tmp, c->file) != 0)
		rc = dwh_fail(s, "%s: %s", c->file, strerror(errno));
	if (rc != DWH_OK)
		unlink(tmp);
	free(tmp);
	return rc;
}

static enum dwh_rc copy_from(struct dwh *s, const struct copy_spec *c, long long *rows)
{
	FILE *f = fopen(c->file, "rb");
	char buf[65536];
	size_t got;
	struct stat st;
	int64_t bytes = 0, total = 0;
	double t0 = dwh_now(), last = 0;
	const char *fail = NULL;

	if (!f) {
		long long ignored;

		copy_rows(s, db_copy_in_end(s, "the file could not be opened", "copy"), &ignored);
		return dwh_fail(s, "%s: %s", c->file, strerror(ENOENT));
	}
	if (fstat(fileno(f), &st) == 0)
		total = st.st_size;
	while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
		if (s->interrupted) {
			fail = "cancelled";
			break;
		}
		if (db_copy_put(s, buf, got, "copy") != DWH_OK) {
			fail = "the connection failed";
			break;
		}
		bytes += (int64_t)got;
		report_progress(s, bytes, total, 0, t0, &last, false);
	}
	if (!fail && ferror(f))
		fail = "the file could not be read";
	fclose(f);
	report_progress(s, bytes, total, 0, t0, &last, true);
	return copy_rows(s, db_copy_in_end(s, fail, "copy"), rows);
}

static enum dwh_rc exec_copy(struct dwh *s, int argc, char **argv)
{
	struct copy_spec c = { 0 };
	char why[256], *text = argc > 1 ? strdup(argv[1]) : NULL, *sql = NULL;
	long long rows = 0;
	int rc;

	if (!text || parse(text, &c, why, sizeof why) < 0) {
		err_set(&s->err, "%s: %s; usage: %s (QUERY)|TABLE TO|FROM FILE [OPTIONS]", argv[0],
			text ? why : "nothing to copy", argv[0]);
		rc = DWH_FAIL;
		goto out;
	}
	size_t n = strlen(c.source) + strlen(c.options) + 32;
	if (!(sql = malloc(n))) {
		rc = DWH_FAIL;
		goto out;
	}
	snprintf(sql, n, "COPY %s %s %s", c.source, c.from ? "FROM STDIN" : "TO STDOUT", c.options);
	if ((rc = c.from ? db_copy_in(s, sql) : db_copy_out(s, sql)) != DWH_OK)
		goto out;
	rc = c.from ? copy_from(s, &c, &rows) : copy_to(s, &c, &rows);
	if (rc == DWH_OK)
		dwh_msg(s, LOG_INFO, "COPY %lld", rows);
out:
	free(c.source);
	free(c.file);
	free(sql);
	free(text);
	return rc;
}

const struct dwh_cmd cmd_copy = {
	.name = "copy",
	.args = "(QUERY)|TABLE TO|FROM FILE [OPTIONS]",
	.min_args = 1,
	.max_args = 1,
	.help = "COPY a query's rows to a file here (or a file into a table), streamed, with progress",
	.detail = "As psql's \\copy: `copy (SELECT ...) TO out.csv csv header` runs COPY ... TO STDOUT "
		  "and writes the rows to out.csv on this machine (under a temporary name, renamed at "
		  "the end); `copy t FROM in.csv csv` sends the file to COPY ... FROM STDIN. The "
		  "options after the file go to the server's COPY as written. End it without ';'.",
	.needs_conn = true,
	.raw = true,
	.exec = exec_copy,
};

const struct dwh_cmd cmd_copy_meta = {
	.name = "\\copy",
	.args = "(QUERY)|TABLE TO|FROM FILE [OPTIONS]",
	.min_args = 1,
	.max_args = 1,
	.help = "psql's \\copy: the same as copy",
	.needs_conn = true,
	.raw = true,
	.exec = exec_copy,
};
