/* batch.c — dwh without a screen: -c commands, -f scripts and stdin. Results go to stdout
 * (aligned or CSV), errors to stderr prefixed with the script position, progress as a one-line
 * bar on stderr when it is a terminal. Exit codes follow psql's. */
#include "frontend.h"

#include "cmd.h"
#include "print.h"
#include "qbuf.h"
#include "sqlscan.h"

#include <errno.h>
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
};

static struct batch batch_state;

static void bar_clear(struct batch *b)
{
	if (b->bar_shown) {
		fputs("\r\033[K", stderr);
		b->bar_shown = false;
	}
}

static void out_msg(void *ctx, enum dwh_level lvl, const char *text)
{
	struct batch *b = ctx;

	bar_clear(b);
	if (lvl == LOG_INFO) {
		printf("%s\n", text);
		fflush(stdout);
	} else if (lvl == LOG_ERROR && strncmp(text, "ERROR:", 6) && strncmp(text, "FATAL:", 6)) {
		fprintf(stderr, "dwh: %serror: %s\n", b->where, text);
	} else {
		fprintf(stderr, "%s%s\n", b->where, text);
	}
}

/* The terminal's width for \x auto; 0 when stdout is no terminal (then auto stays aligned). */
static int screen_cols(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0)
		return ws.ws_col;
	return 0;
}

static void out_result(void *ctx, const PGresult *res, const char *title, double ms)
{
	struct batch *b = ctx;

	(void)title;
	bar_clear(b);
	if (b->s->opts.csv) {
		print_csv(stdout, res);
	} else if (print_wants_expanded(res, b->s->expanded, screen_cols())) {
		print_expanded(stdout, res, NULL, true);
		fputc('\n', stdout);
	} else {
		print_aligned(stdout, res);
	}
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

void batch_install_out(struct dwh *s)
{
	batch_state.s = s;
	s->out = (struct dwh_out){
		.ctx = &batch_state,
		.msg = out_msg,
		.result = out_result,
		.stage = out_stage,
		.progress = out_progress,
		.password = out_password,
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
		int rc = cmd_dispatch(s, cmds[i]);

		if (rc != DWH_OK)
			return rc;
	}
	return DWH_OK;
}

/* Run what a script has gathered; the exit code of a failure inside a script is 3. */
static int script_unit(struct dwh *s, const char *text)
{
	int rc = cmd_dispatch(s, text);

	return rc == DWH_OK || rc == DWH_ECONN ? rc : DWH_ESCRIPT;
}

/* A line that dwh answers itself runs as it is (a meta-command even inside a statement, as
 * psql's \g); SQL joins the query buffer and runs once a ';' ends it. */
static int script_line(struct dwh *s, const char *line)
{
	bool pending = qbuf_pending(s);
	char *text;
	int rc;

	if ((!pending || line[strspn(line, " \t")] == '\\') && cmd_is_command(line))
		return script_unit(s, line);
	if (!pending && sqlscan_blank(line))
		return DWH_OK;
	qbuf_append(s, line);
	if (!(text = qbuf_take(s)))
		return DWH_OK;
	rc = script_unit(s, text);
	free(text);
	return rc;
}

static int script_stream(struct dwh *s, FILE *f, const char *name)
{
	char *line = NULL, *rest;
	size_t cap = 0;
	long lineno = 0;
	int rc = DWH_OK;

	if (!frontend_hooks.quit)
		frontend_hooks.quit = batch_quit;
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
