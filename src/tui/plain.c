/* plain.c — `--plain`: a psql-like line prompt without curses, for screen readers, tiny
 * terminals and recorded sessions. Same commands, history and completion as the console;
 * results print as text through batch mode's output. Readline's callback interface lets
 * Ctrl-C clear the line at the prompt; during a command it sends PQcancel. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd/cmd.h"
#include "batch/batch.h"
#include "tui/tui.h"
#include "db/db.h"
#include "psql/qbuf.h"
#include "base/sqlscan.h"
#include "tui/ui.h"

static struct dwh *ps;
static volatile sig_atomic_t got_int, running;
static bool leaving;
static int last_rc;

static void on_int(int sig)
{
	(void)sig;
	got_int = 1;
	if (running && ps) {
		ps->interrupted = 1;
		db_cancel(ps);  /* async-signal-safe, as psql's PQcancel */
	}
}

static enum dwh_rc plain_quit(struct dwh *s)
{
	(void)s;
	leaving = true;
	return DWH_OK;
}

/* Before a destructive statement: the question on the terminal, y (or yes) to go on. */
static bool plain_confirm(void *ctx, const char *question)
{
	FILE *tty = fopen("/dev/tty", "r+");
	char said[16] = "";
	bool ok;

	(void)ctx;
	if (!tty)
		return false;
	fputs(question, tty);
	fflush(tty);
	ok = fgets(said, sizeof said, tty) != NULL;
	fclose(tty);
	said[strcspn(said, "\r\n")] = '\0';
	return ok && (!strcasecmp(said, "y") || !strcasecmp(said, "yes"));
}

static void run_text(const char *text)
{
	history_add_entry(text);
	ps->interrupted = 0;
	running = 1;
	last_rc = cmd_dispatch(ps, text);
	running = 0;
	if (ps->interrupted)
		fprintf(stderr, "cancelled\n");
	if (ps->conn && PQstatus(ps->conn) == CONNECTION_OK &&
	    PQtransactionStatus(ps->conn) == PQTRANS_IDLE)
		complete_refresh_catalog(ps);
}

static void on_line(char *line);

static void install_prompt(void)
{
	char p[32];
	int tx = ps->conn && PQstatus(ps->conn) == CONNECTION_OK ? (int)PQtransactionStatus(ps->conn)
								  : PQTRANS_IDLE;

	prompt_format(p, sizeof p, qbuf_state(ps), tx);
	complete_set_pending(qbuf_pending(ps));
	rl_callback_handler_install(p, on_line);
}

static void on_line(char *line)
{
	char *text = NULL;
	bool pending = qbuf_pending(ps);

	if (!line) {
		leaving = true;
		printf("\n");
		return;
	}
	if (!pending && (cmd_is_quit(line) || sqlscan_blank(line))) {
		leaving = leaving || cmd_is_quit(line);
		free(line);
		return;
	}
	/* a meta-command runs even in the middle of a statement (\g, \p, \r), as in psql */
	text = cmd_take_line(ps, line);
	free(line);
	/* The command prints while the prompt is away. */
	rl_callback_handler_remove();
	if (text) {
		run_text(text);
		free(text);
	}
	if (!leaving)
		install_prompt();
}

enum dwh_rc plain_run(struct dwh *s)
{
	struct sigaction sa, old_int;

	ps = s;
	batch_install_out(s);
	s->out.confirm = plain_confirm;
	s->hooks.quit = plain_quit;
	s->hooks.tour_pause = tour_plain_pause;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_int;
	sigaction(SIGINT, &sa, &old_int);
	rl_catch_signals = 0;
	rl_readline_name = "dwh";
	complete_install(s);
	history_open();
	if (s->opts.tour)
		run_text("tour");
	install_prompt();
	while (!leaving) {
		struct pollfd pf = { STDIN_FILENO, POLLIN, 0 };
		int n = poll(&pf, 1, -1);

		if (got_int) {          /* Ctrl-C at the prompt: drop the line, as psql does */
			got_int = 0;
			qbuf_reset(ps);
			rl_free_line_state();
			rl_callback_sigcleanup();
			rl_replace_line("", 0);
			printf("^C\n");
			install_prompt();
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || (pf.revents & (POLLIN | POLLHUP)))
			rl_callback_read_char();
	}
	rl_callback_handler_remove();
	history_close();
	sigaction(SIGINT, &old_int, NULL);
	s->hooks.quit = NULL;
	s->hooks.tour_pause = NULL;
	qbuf_reset(ps);
	(void)last_rc;
	return DWH_OK;
}
