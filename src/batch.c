/* batch.c — dwh without a screen: -c commands, -f scripts and stdin. Results go to stdout
 * (aligned or CSV), errors to stderr prefixed with the script position, progress as a one-line
 * bar on stderr when it is a terminal. Exit codes follow psql's. */
#include "frontend.h"

#include "cmd.h"
#include "print.h"
#include "sqlscan.h"
#include "textesc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct batch {
	struct dwh *s;
	char where[512];        /* "script.sql:12: " while a script runs */
	bool bar_shown;
	bool quit;              /* `quit` ends a script or -c list, as psql's \q */
};

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

static void out_result(void *ctx, const PGresult *res, const char *title, double ms)
{
	struct batch *b = ctx;

	(void)title;
	bar_clear(b);
	if (b->s->opts.csv)
		print_csv(stdout, res);
	else
		print_aligned(stdout, res);
	if (ms >= 0)
		printf("Time: %.3f ms\n", ms);
	fflush(stdout);
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

void batch_install_out(struct dwh *s)
{
	batch_state.s = s;
	s->out = (struct dwh_out){
		.ctx = &batch_state,
		.msg = out_msg,
		.result = out_result,
		.stage = out_stage,
		.progress = out_progress,
	};
}

static int batch_quit(struct dwh *s)
{
	(void)s;
	batch_state.quit = true;
	return DWH_OK;
}

int batch_commands(struct dwh *s, int n, char **cmds)
{
	if (!frontend_hooks.quit)
		frontend_hooks.quit = batch_quit;
	for (int i = 0; i < n && !batch_state.quit; i++) {
		int rc = cmd_run(s, cmds[i]);

		if (rc != DWH_OK)
			return rc;
	}
	return DWH_OK;
}

/* Run what a script has gathered; the exit code of a failure inside a script is 3. */
static int script_unit(struct dwh *s, const char *text)
{
	int rc = cmd_run(s, text);

	return rc == DWH_OK || rc == DWH_ECONN ? rc : DWH_ESCRIPT;
}

/* Append a line to the pending SQL, run every complete statement in it. */
static int script_sql(struct dwh *s, char **pending, size_t *len, const char *line)
{
	size_t add = strlen(line), end;
	char *p = realloc(*pending, *len + add + 1);
	int rc = DWH_OK;

	if (!p)
		return DWH_ESCRIPT;
	memcpy(p + *len, line, add + 1);
	*pending = p;
	*len += add;
	while (rc == DWH_OK && (end = sqlscan_end(*pending, *len)) > 0) {
		char save = (*pending)[end];

		(*pending)[end] = '\0';
		rc = script_unit(s, *pending);
		(*pending)[end] = save;
		memmove(*pending, *pending + end, *len - end + 1);
		*len -= end;
	}
	if (rc == DWH_OK && sqlscan_blank(*pending))
		*len = 0, (*pending)[0] = '\0';
	return rc;
}

static int script_stream(struct dwh *s, FILE *f, const char *name)
{
	char *line = NULL, *pending = NULL;
	size_t cap = 0, len = 0;
	long lineno = 0;
	int rc = DWH_OK;

	if (!frontend_hooks.quit)
		frontend_hooks.quit = batch_quit;
	while (rc == DWH_OK && !batch_state.quit && getline(&line, &cap, f) >= 0) {
		lineno++;
		snprintf(batch_state.where, sizeof batch_state.where, "%s:%ld: ", name, lineno);
		if (len == 0 && cmd_is_command(line)) {
			line[strcspn(line, "\r\n")] = '\0';
			rc = script_unit(s, line);
		} else {
			rc = script_sql(s, &pending, &len, line);
		}
	}
	if (rc == DWH_OK && !batch_state.quit && len > 0 && !sqlscan_blank(pending))
		rc = script_unit(s, pending);   /* psql runs an unterminated last statement too */
	batch_state.where[0] = '\0';
	free(line);
	free(pending);
	return rc;
}

int batch_script(struct dwh *s, const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	int rc;

	if (!f) {
		dwh_msg(s, LOG_ERROR, "%s: %s", path, strerror(errno));
		return DWH_FAIL;
	}
	rc = script_stream(s, f, strcmp(path, "-") ? path : "<stdin>");
	if (f != stdin)
		fclose(f);
	return rc;
}
