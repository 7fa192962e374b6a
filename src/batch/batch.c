/* batch.c — dwh without a screen: -c commands, -f scripts and stdin. Results go to stdout
 * (aligned or CSV), errors to stderr prefixed with the script position, progress as a one-line
 * bar on stderr when it is a terminal. Exit codes follow psql's. */
#include "batch/batch.h"

#include "view/chart.h"
#include "cmd/cmd.h"
#include "view/export.h"
#include "view/print.h"
#include "view/pset.h"
#include "psql/qbuf.h"
#include "base/sqlscan.h"
#include "base/textesc.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct batch {
	struct dwh *s;
	char where[512];        /* "script.sql:12: " while a script runs */
	bool bar_shown;
	bool quit;              /* `quit` ends a script or -c list, as psql's \q */
	long rows_done;         /* rows of the streamed result printed so far (\x numbers them) */
	PGresult *rows;         /* streamed rows not printed yet */
	PGresult *rows_cols;    /* the columns of the streamed result */
	bool rows_head;         /* the header is still to print */
	PGresult *last;         /* the last result printed whole, for `chart` and `export` */
	bool last_sql;          /* the last result came from a statement (s->last_sql) */
};

/* Rows held before a piece is printed: small results print exactly as one table; a big one
 * prints in pieces of this many rows, as psql with FETCH_COUNT does. */
#define BATCH_FETCH_COUNT 10000

static struct batch batch_state;

static void bar_clear(struct batch *b)
{
	if (b->bar_shown) {
		fputs("\r\033[K", stderr);
		b->bar_shown = false;
	}
}

static void out_msg(void *ctx, enum dwh_level lvl, const char *raw)
{
	struct batch *b = ctx;
	FILE *to = lvl == LOG_INFO ? stdout : stderr;
	/* a message may quote the data (a bad record, a file name): shown, never obeyed */
	char *esc = isatty(fileno(to)) && textesc_needed(raw, TEXTESC_KEEP_NL)
		  ? textesc_dup(raw, TEXTESC_KEEP_NL) : NULL;
	const char *text = esc ? esc : raw;

	bar_clear(b);
	if (lvl == LOG_INFO) {
		printf("%s\n", text);
		fflush(stdout);
	} else if (lvl == LOG_ERROR && strncmp(text, "ERROR:", 6) && strncmp(text, "FATAL:", 6)) {
		fprintf(stderr, "dwh: %serror: %s\n", b->where, text);
	} else {
		fprintf(stderr, "%s%s\n", b->where, text);
	}
	free(esc);
}

/* The terminal's width for \x auto; 0 when stdout is no terminal (then auto stays aligned). */
static int screen_cols(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

static void out_waiting(void *ctx, const char *why)
{
	if (why)
		out_msg(ctx, LOG_WARN, why);
}

static void say_timing(double ms)
{
	char t[96];

	print_timing(t, sizeof t, ms);
	printf("%s\n", t);
}

static void out_result(void *ctx, const PGresult *res, const char *title, double ms)
{
	struct batch *b = ctx;

	(void)title;
	bar_clear(b);
	if (PQresultStatus(res) == PGRES_TUPLES_OK) {
		b->last_sql = false;
		PQclear(b->last);
		b->last = PQcopyResult(res, PG_COPYRES_ATTRS | PG_COPYRES_TUPLES);
	}
	if (b->s->opts.csv) {
		print_csv(stdout, res);
	} else {
		struct pset_part pt = { .head = true, .last = true, .first = 1, .total = PQntuples(res) };

		pset_print_result(stdout, res, &b->s->pset,
				  print_wants_expanded(res, b->s->expanded, screen_cols()), &pt);
	}
	if (ms >= 0)
		say_timing(ms);
	fflush(stdout);
}

static void rows_flush(struct batch *b, bool last, long total)
{
	if (!b->rows)
		return;
	if (b->rows_head)
		b->rows_done = 0;
	if (b->s->opts.csv) {
		print_csv_part(stdout, b->rows, b->rows_head);
	} else {        /* each piece aligned on its own, records numbered on: as psql */
		struct pset_part pt = { .head = b->rows_head, .last = last,
					.first = b->rows_done + 1, .total = total };

		pset_print_result(stdout, b->rows, &b->s->pset,
				  print_wants_expanded(b->rows, b->s->expanded, screen_cols()), &pt);
	}
	b->rows_done += PQntuples(b->rows);
	PQclear(b->last);
	b->last = NULL;
	if (last && b->rows_head)       /* printed in one piece: kept for `chart` */
		b->last = b->rows;
	else
		PQclear(b->rows);
	b->rows_head = false;
	b->rows = last ? NULL : PQcopyResult(b->rows_cols, PG_COPYRES_ATTRS);
}

static void out_rows(void *ctx, enum dwh_rows_phase ph, const struct dwh_rows *r)
{
	struct batch *b = ctx;

	bar_clear(b);
	if (ph == ROWS_BEGIN) {
		b->last_sql = true;
		PQclear(b->last);
		b->last = NULL;
		PQclear(b->rows);
		PQclear(b->rows_cols);
		b->rows_cols = PQcopyResult(r->res, PG_COPYRES_ATTRS);
		b->rows = PQcopyResult(r->res, PG_COPYRES_ATTRS);
		b->rows_head = true;
		return;
	}
	if (!b->rows)
		return;
	if (ph == ROWS_MORE) {
		int nf = PQnfields(r->res);
		for (int i = 0; i < PQntuples(r->res); i++) {
			int at = PQntuples(b->rows);
			for (int c = 0; c < nf; c++)
				PQsetvalue(b->rows, at, c, PQgetisnull(r->res, i, c) ? NULL
					   : PQgetvalue(r->res, i, c), PQgetisnull(r->res, i, c) ? -1
					   : PQgetlength(r->res, i, c));
			if (PQntuples(b->rows) >= BATCH_FETCH_COUNT) {
				rows_flush(b, false, 0);
				fflush(stdout);
			}
		}
		return;
	}
	rows_flush(b, true, r->total);
	PQclear(b->rows_cols);
	b->rows_cols = NULL;
	if (r->ms >= 0)
		say_timing(r->ms);
	fflush(stdout);
}

/* Tags print on stdout as psql does; errors were reported on stderr already. */
static void out_answer(void *ctx, const PGresult *res, const char *sql, double ms)
{
	(void)sql;
	if (PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_EMPTY_QUERY)
		out_result(ctx, res, NULL, ms);
	else if (ms >= 0)       /* psql times a failed statement too (the error is on stderr) */
		say_timing(ms);
}

static void out_stage(void *ctx, const char *stage, enum stage_state st, int64_t rows, double secs)
{
	(void)stage, (void)st, (void)rows, (void)secs;
	bar_clear(ctx);
}

static void out_progress(void *ctx, const struct dwh_progress *p)
{
	struct batch *b = ctx;
	double frac = p->bytes_total > 0 ? (double)p->bytes_done / (double)p->bytes_total
		    : p->files_total > 0 ? (double)p->files_done / (double)p->files_total : 0;
	char bar[21], rate[16], rows[16];
	int fill = (int)(frac * 20 + 0.5);

	if (!isatty(STDERR_FILENO))
		return;
	for (int i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	print_count(rate, sizeof rate, p->rate);
	print_count(rows, sizeof rows, (double)p->rows);
	fprintf(stderr, "\r\033[K%s [%s] %3.0f%%  %s rows  %s rows/s", p->stage ? p->stage : "",
		bar, frac * 100, rows, rate);
	if (p->eta >= 0)
		fprintf(stderr, "  ETA %.0f s", p->eta);
	fflush(stderr);
	b->bar_shown = true;
}

/* A password on the terminal, without echo, as psql asks for one: only when a person is at
 * stdin (a script on a pipe must fail, not hang). Also the plain prompt's way. */
static bool out_password(void *ctx, const char *prompt, char *buf, size_t n)
{
	int fd = isatty(STDIN_FILENO) ? open("/dev/tty", O_RDWR | O_NOCTTY) : -1;
	struct termios old, quiet;
	ssize_t got;

	bar_clear(ctx);
	if (fd < 0)
		return false;
	if (write(fd, prompt, strlen(prompt)) < 0 || tcgetattr(fd, &old) < 0) {
		close(fd);
		return false;
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(fd, TCSAFLUSH, &quiet);
	got = read(fd, buf, n - 1);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0)
		got = -1;
	close(fd);
	if (got <= 0)
		return false;
	buf[got] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static enum dwh_rc batch_chart(struct dwh *s);
static char *batch_result_sql(struct dwh *s);
static enum dwh_rc batch_export_rows(struct dwh *s, int fmt, const char *path, bool force,
				     long *rows);

void batch_install_out(struct dwh *s)
{
	batch_state.s = s;
	s->hooks.chart = batch_chart;
	s->hooks.result_sql = batch_result_sql;
	s->hooks.export_rows = batch_export_rows;
	s->hooks.stdout_ok = true;
	s->hooks.script = batch_script;
	s->out = (struct dwh_out){
		.ctx = &batch_state,
		.msg = out_msg,
		.result = out_result,
		.rows = out_rows,
		.answer = out_answer,
		.stage = out_stage,
		.progress = out_progress,
		.password = out_password,
		.waiting = out_waiting,
	};
}

/* Whether the user's locale (LC_ALL, LC_CTYPE, LANG) is UTF-8; the process's is left as it was. */
static bool locale_utf8(void)
{
	const char *cur = setlocale(LC_CTYPE, NULL);
	char *saved = cur ? strdup(cur) : NULL;
	bool yes = setlocale(LC_CTYPE, "") && !strcmp(nl_langinfo(CODESET), "UTF-8");

	if (saved) {
		setlocale(LC_CTYPE, saved);
		free(saved);
	}
	return yes;
}

/* `chart` in batch mode and --plain: the last result's bars as text; `#` without colour. */
static enum dwh_rc batch_chart(struct dwh *s)
{
	const char *nc = getenv("NO_COLOR"), *cols = getenv("COLUMNS");
	bool color = !(nc && *nc) && isatty(STDOUT_FILENO);
	bool utf8 = !(nc && *nc) && locale_utf8();
	struct chart ch;
	char why[200];
	int w = cols && atoi(cols) > 20 ? atoi(cols) : 80;

	if (!batch_state.last)
		return dwh_fail(s, "chart: no result to chart yet");
	if (chart_from_result(&ch, batch_state.last, why, sizeof why) < 0)
		return dwh_fail(s, "chart: %s", why);
	bar_clear(&batch_state);
	chart_print(stdout, &ch, w, utf8, color);
	fflush(stdout);
	chart_free(&ch);
	return DWH_OK;
}

static char *batch_result_sql(struct dwh *s)
{
	return batch_state.last_sql && s->last_sql ? strdup(s->last_sql) : NULL;
}

static enum dwh_rc batch_export_rows(struct dwh *s, int fmt, const char *path, bool force,
				     long *rows)
{
	const PGresult *res = batch_state.last;
	int nc = res ? PQnfields(res) : 0;
	char *names[nc + 1];
	bool num[nc + 1];
	const char *vals[nc + 1];
	struct exporter *x;
	enum dwh_rc rc = DWH_OK;

	if (!res)
		return dwh_fail(s, "export: %s", batch_state.last_sql ? "the last result was too big to "
				"keep and cannot run again; use copy (QUERY) TO FILE" : "no result to export yet");
	for (int c = 0; c < nc; c++) {
		names[c] = PQfname(res, c);
		num[c] = export_numeric_type(PQftype(res, c));
	}
	if (!(x = export_open((enum export_fmt)fmt, path, force, nc, names, num, &s->err)))
		return DWH_FAIL;
	for (int i = 0; rc == DWH_OK && i < PQntuples(res); i++) {
		for (int c = 0; c < nc; c++)
			vals[c] = PQgetisnull(res, i, c) ? NULL : PQgetvalue(res, i, c);
		if (export_row(x, vals, &s->err) < 0)
			rc = DWH_FAIL;
	}
	*rows = export_rows_written(x);
	if (export_close(x, rc == DWH_OK, &s->err) < 0)
		rc = DWH_FAIL;
	return rc;
}

static enum dwh_rc batch_quit(struct dwh *s)
{
	(void)s;
	batch_state.quit = true;
	return DWH_OK;
}

enum dwh_rc batch_commands(struct dwh *s, int n, char **cmds)
{
	if (!s->hooks.quit)
		s->hooks.quit = batch_quit;
	for (int i = 0; i < n && !batch_state.quit; i++) {
		enum dwh_rc rc = cmd_dispatch(s, cmds[i]);

		if (rc != DWH_OK)
			return rc;
	}
	return DWH_OK;
}

/* Run what a script has gathered; the exit code of a failure inside a script is 3. */
static enum dwh_rc script_unit(struct dwh *s, const char *text)
{
	enum dwh_rc rc = cmd_dispatch(s, text);

	return rc == DWH_OK || rc == DWH_ECONN ? rc : DWH_ESCRIPT;
}

/* A line that dwh answers itself runs as it is (a meta-command even inside a statement, as
 * psql's \g); SQL joins the query buffer and runs once a ';' ends it. */
static enum dwh_rc script_line(struct dwh *s, const char *line)
{
	bool pending = qbuf_pending(s);
	char *text;
	enum dwh_rc rc;

	if (!pending && sqlscan_blank(line))
		return DWH_OK;
	if (!(text = cmd_take_line(s, line)))
		return DWH_OK;
	rc = script_unit(s, text);
	free(text);
	return rc;
}

static enum dwh_rc script_stream(struct dwh *s, FILE *f, const char *name)
{
	char *line = NULL, *rest;
	size_t cap = 0;
	long lineno = 0;
	enum dwh_rc rc = DWH_OK;

	if (!s->hooks.quit)
		s->hooks.quit = batch_quit;
	qbuf_reset(s);
	while (rc == DWH_OK && !batch_state.quit && getline(&line, &cap, f) >= 0) {
		lineno++;
		snprintf(batch_state.where, sizeof batch_state.where, "%s:%ld: ", name, lineno);
		line[strcspn(line, "\r\n")] = '\0';
		rc = script_line(s, line);
	}
	rest = qbuf_get(s);
	qbuf_reset(s);
	if (rc == DWH_OK && !batch_state.quit && rest && !sqlscan_blank(rest))
		rc = script_unit(s, rest);      /* psql runs an unterminated last statement too */
	batch_state.where[0] = '\0';
	free(rest);
	free(line);
	return rc;
}

enum dwh_rc batch_script(struct dwh *s, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	enum dwh_rc rc;

	int mark;

	if (!f) {
		dwh_msg(s, LOG_ERROR, "%s: %s", path, strerror(errno));
		return DWH_FAIL;
	}
	mark = cmd_script_begin(s);
	rc = script_stream(s, f, strcmp(path, "-") ? path : "<stdin>");
	if (cmd_script_end(s, mark, rc == DWH_OK && !batch_state.quit) != DWH_OK) {
		snprintf(batch_state.where, sizeof batch_state.where, "%s: ", strcmp(path, "-") ? path : "<stdin>");
		dwh_msg(s, LOG_ERROR, "%s", s->err.msg);
		batch_state.where[0] = '\0';
		rc = DWH_ESCRIPT;
	}
	if (f != stdin)
		fclose(f);
	return rc;
}
