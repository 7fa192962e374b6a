/* tui.c — the console: one drawing thread that polls the keyboard and a wake pipe, hands keys
 * to readline, and redraws the panes when the model changes; commands run on the worker,
 * the probe watches the server. Leaving (quit, Ctrl-D, an error) always restores the terminal. */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <readline/readline.h>

#include "cmd/cmd.h"
#include "db/db.h"
#include "psql/editor.h"
#include "tui/tui.h"
#include "tui/crash.h"
#include "tui/ui.h"

static volatile sig_atomic_t got_winch, got_term;
static volatile sig_atomic_t screen_up;

static void on_winch(int sig)
{
	(void)sig;
	got_winch = 1;  /* only a flag: the loop re-reads the size and redraws */
}

static void on_term(int sig)
{
	(void)sig;
	got_term = 1;   /* SIGTERM, SIGHUP: leave through the normal path */
}

/* A crash must not leave the terminal raw and on the alternate screen: give it back, say so,
 * then die of the same signal (crash.c). */
static void on_fatal(int sig)
{
	crash_fatal(sig, screen_up);
}

/* Someone calling exit() while the console is up (a library, an assertion). */
static void restore_at_exit(void)
{
	if (screen_up)
		endwin();
}

static const int caught[] = { SIGWINCH, SIGTERM, SIGHUP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
#define NCAUGHT (sizeof caught / sizeof caught[0])
static struct sigaction saved_sa[NCAUGHT];

static void catch_signals(void)
{
	static bool registered;
	struct sigaction sa;

	for (size_t i = 0; i < NCAUGHT; i++) {
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = caught[i] == SIGWINCH ? on_winch
			: caught[i] == SIGTERM || caught[i] == SIGHUP ? on_term : on_fatal;
		if (sa.sa_handler == on_fatal)
			sa.sa_flags = SA_RESETHAND;
		sigaction(caught[i], &sa, &saved_sa[i]);
	}
	if (!registered)
		atexit(restore_at_exit), registered = true;
}

static void release_signals(void)
{
	for (size_t i = 0; i < NCAUGHT; i++)
		sigaction(caught[i], &saved_sa[i], NULL);
}

/* Curses needs a UTF-8 locale to show UTF-8; fall back to C.UTF-8 when the user's is not. */
static bool setup_locale(void)
{
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");     /* numbers the engine writes into SQL keep their '.' */
	if (!strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	if (setlocale(LC_CTYPE, "C.UTF-8") && !strcmp(nl_langinfo(CODESET), "UTF-8"))
		return true;
	return false;
}

static void pick_theme(struct ui *u)
{
	const char *nc = getenv("NO_COLOR");
	const char *want = u->s->opts.theme;
	struct dwh_err e;

	if (!want)
		want = u->ncolors ? THEME_DEFAULT : "mono";
	if (nc && *nc)
		u->ncolors = 0;
	if (u->ncolors == 0 && !u->s->opts.theme)
		want = "mono";
	if (u->ncolors == 0)
		model_log(&u->m, LOG_INFO, "no colours (%s): theme %s", nc && *nc ? "NO_COLOR is set"
			  : "the terminal has none", want);
	if (theme_load(want, &u->theme, &e) < 0) {
		model_log(&u->m, LOG_ERROR, "%s; using %s", e.msg, THEME_DEFAULT);
		theme_default(&u->theme);
	}
}

/* false when curses cannot drive this terminal (an unknown TERM): initscr would exit. */
static bool screen_open(struct ui *u)
{
	if (!newterm(NULL, stdout, stdin))
		return false;
	screen_up = 1;
	raw();                  /* Ctrl-C and Ctrl-Z come to us as keys */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	mouse_enable(u, true);  /* mouse.c; `set mouse off` leaves the terminal its selection */
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	if (has_colors()) {
		start_color();
		use_default_colors();
		u->ncolors = COLORS;
	}
	crash_arm_screen();
	catch_signals();
	fputs("\033[?2004h", stdout);  /* bracketed paste: pasted text arrives marked */
	fflush(stdout);
	return true;
}

static void resize(struct ui *u)
{
	struct winsize ws;

	got_winch = 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	rl_set_screen_size(1, COLS);
	clearok(curscr, TRUE);
	(void)u;
}

static void redraw(struct ui *u)
{
	draw_screen(u);
	if (!password_draw(u)) {        /* a password asked takes the prompt line */
		if (!u->help)
			prompt_draw(u);
		else
			refresh();
	}
	if (u->dump_path)
		dump_screen(u, u->dump_path);
}

/* PgUp/PgDn and Shift-Left/Right from the prompt move the result without taking focus. */
static void scroll_result(struct ui *u, int rows, int cols)
{
	struct model_result *r;

	model_lock(&u->m);
	if ((r = model_current(&u->m)) && r->chart && r->kind == RES_ROWS) {
		r->chart_top += rows;   /* a chart's lines (grid.c keeps them in range) */
		if (r->chart_top < 0)
			r->chart_top = 0;
	} else if (r) {
		r->top += rows;
		if (r->top < 0)
			r->top = 0;
		r->row = r->top;
		if (cols)
			grid_sideways(u, r, cols > 0 ? 1 : -1);
	}
	model_changed(&u->m);
	model_unlock(&u->m);
}

static void scroll_log(struct ui *u, int lines)
{
	model_lock(&u->m);
	u->m.log_scroll += lines;
	if (u->m.log_scroll < 0)
		u->m.log_scroll = 0;
	model_changed(&u->m);
	model_unlock(&u->m);
}

static void on_key(struct ui *u, int c)
{
	int page = u->lay.pane[PANE_RESULT].h - 4, lpage = u->lay.pane[PANE_LOG].h - 1;

	if (c == KEY_RESIZE) {  /* resizeterm's own echo of a size we already took */
		rl_set_screen_size(1, COLS);
		clearok(curscr, TRUE);
		return;
	}
	if (c == KEY_MOUSE) {
		mouse_event(u);
		return;
	}
	if (password_key(u, c))
		return;
	if (u->help) {          /* its scroll keys, or any other closes it (help.c) */
		help_key(u, c);
		return;
	}
	if (c == KEY_F(2)) {    /* the catalog tree (catalog.c), from the prompt or the browser */
		worker_start(u, "catalog");
		return;
	}
	if (u->browse && c != 3 && c != KEY_F(1) && browse_key(u, c))
		return;
	if (!u->browse && tour_key(u, c))
		return;
	switch (c) {
	case KEY_F(1): u->help = true; u->help_top = 0; return;
	case KEY_F(9): focus_toggle(u); return;
	case 27:
		if (prompt_paste(u))    /* a bracketed paste, not the Esc key */
			return;
		/* fall through */
	case KEY_F(6):              /* the result takes the keys; the typed line stays */
		u->browse = true;
		u->notice[0] = '\0';
		model_lock(&u->m);
		model_changed(&u->m);
		model_unlock(&u->m);
		return;
	case 3:                 /* Ctrl-C */
		if (worker_busy(u))
			worker_cancel(u);
		else
			prompt_clear(u);
		return;
	case KEY_PPAGE: scroll_result(u, -(page > 1 ? page : 1), 0); return;
	case KEY_NPAGE: scroll_result(u, page > 1 ? page : 1, 0); return;
	case KEY_SLEFT: scroll_result(u, 0, -8); return;
	case KEY_SRIGHT: scroll_result(u, 0, 8); return;
	case KEY_SPREVIOUS: case KEY_F(7): scroll_log(u, lpage > 1 ? lpage : 1); return;
	case KEY_SNEXT: case KEY_F(8): scroll_log(u, -(lpage > 1 ? lpage : 1)); return;
	case 4:                 /* Ctrl-D leaves on an empty line, as in a shell */
		if (rl_end == 0 && !prompt_pending(u)) {
			u->quit = true;
			return;
		}
		break;
	case 26:                /* Ctrl-Z: there is no shell job control under raw mode */
		return;
	case 12:                /* Ctrl-L: repaint everything */
		clearok(curscr, TRUE);
		return;
	}
	prompt_key(u, c);
}

/* \e's editor gets the terminal: the screen is put away and comes back as it was. */
static void run_on_terminal(struct ui *u, char *const *argv)
{
	def_prog_mode();
	endwin();
	int rc = editor_run_program(argv);
	reset_prog_mode();
	clearok(curscr, TRUE);
	model_lock(&u->m);
	u->term_rc = rc;
	u->term_done = true;
	pthread_cond_broadcast(&u->shot_cv);
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* Requests left by the worker's hooks: a theme to apply, a screenshot to write, quit. */
static void serve_requests(struct ui *u)
{
	bool apply = false;

	model_lock(&u->m);
	if (u->want_theme) {
		u->theme = u->want;
		u->want_theme = false;
		apply = true;
	}
	if (u->quit_req)
		u->quit = true;
	model_unlock(&u->m);
	if (apply) {
		draw_apply_theme(u);
		clearok(curscr, TRUE);
	}
	model_lock(&u->m);
	char *const *prog = u->term_argv;
	u->term_argv = NULL;
	model_unlock(&u->m);
	if (prog)
		run_on_terminal(u, prog);
	model_lock(&u->m);
	char *shot = u->shot_path;
	u->shot_path = NULL;
	model_unlock(&u->m);
	if (shot) {
		redraw(u);
		int rc = dump_screen(u, shot) < 0 ? errno : 0;
		model_lock(&u->m);
		u->shot_rc = rc;
		u->shot_done = true;
		pthread_cond_broadcast(&u->shot_cv);
		model_unlock(&u->m);
		free(shot);
	}
}

/* While nothing runs, read whatever the server sent on the session's connection: a
 * terminated backend or a server shutdown shows as "lost" within seconds. */
static void check_idle_conn(struct ui *u)
{
	PGconn *c;

	if (worker_busy(u))
		return;
	c = u->s->conn;
	if (!c || PQstatus(c) != CONNECTION_OK)
		return;
	/* no statement: only reading what an idle connection was sent (db.c owns statements) */
	if (PQconsumeInput(c) && PQstatus(c) == CONNECTION_OK)
		return;
	model_set_conn(&u->m, CS_LOST, "the server closed the connection; `reconnect` retries");
}

static void event_loop(struct ui *u)
{
	double last_check = 0;

	unsigned long drawn = (unsigned long)-1;
	double last_draw = 0;

	while (!u->quit && !got_term) {
		struct pollfd pf[2] = { { STDIN_FILENO, POLLIN, 0 }, { u->m.wake_fd[0], POLLIN, 0 } };
		int c;

		if (got_winch) {
			resize(u);
			drawn--;
		}
		if (worker_reap(u)) {
			prompt_refresh(u);      /* \r, \e, a transaction begun or failed */
			probe_start(u);
			drawn--;
		}
		serve_requests(u);
		tour_tick(u);
		if (dwh_now() - last_check > 1.0) {
			check_idle_conn(u);
			last_check = dwh_now();
		}
		/* Redraw on change (at most 20 times a second) and twice a second while busy,
		 * for the running stage's clock. */
		double now = dwh_now();
		mouse_apply(u);
		if ((u->m.version != drawn && now - last_draw > 0.05) ||
		    (worker_busy(u) && now - last_draw > 0.5)) {
			drawn = u->m.version;
			last_draw = now;
			redraw(u);
		}
		if (poll(pf, 2, u->m.version != drawn ? 50 : 500) < 0)
			continue;       /* EINTR: SIGWINCH */
		if (pf[1].revents & POLLIN)
			model_drain_wake(&u->m);
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			while (!u->quit && (c = getch()) != ERR) {
				on_key(u, c);
				drawn--;
			}
			if (pf[0].revents & (POLLHUP | POLLERR))
				u->quit = true;
		}
	}
}

/* Leaving: cancel what runs, wait a little for it, and give the terminal back. */
static void shutdown_ui(struct ui *u)
{
	password_abort(u);
	worker_drop_queue(u);   /* what waited does not run on the way out */
	if (worker_busy(u)) {
		worker_cancel(u);
		for (int i = 0; i < 50 && !u->w.done; i++)
			poll(NULL, 0, 20);
		if (!worker_reap(u))
			pthread_detach(u->w.th), u->w.running = false;
	}
	probe_stop(u);
	if (u->dump_path)
		dump_screen(u, u->dump_path);
	prompt_done(u);
	fputs("\033[?2004l", stdout);
	fflush(stdout);
	endwin();
	screen_up = 0;
	release_signals();
	hooks_remove(u);
	tour_ui_remove(u);
	u->s->hooks.layout = NULL;
}

enum dwh_rc tui_run(struct dwh *s)
{
	static struct ui u;     /* outlives a worker that would not stop */
	struct dwh_out saved = s->out;
	const char *dump = getenv("DWH_SCREEN_DUMP");

	memset(&u, 0, sizeof u);
	u.s = s;
	u.utf8 = setup_locale();
	if (model_init(&u.m) < 0 || pthread_cond_init(&u.shot_cv, NULL) != 0)
		return DWH_FAIL;
	u.dump_path = dump && *dump ? strdup(dump) : NULL;
	crash_arm(u.dump_path);
	if (!screen_open(&u)) {
		fprintf(stderr, "dwh: cannot use this terminal (TERM=%s) for the console; "
			"using the plain prompt\n", getenv("TERM") ? getenv("TERM") : "");
		model_destroy(&u.m);
		return plain_run(s);
	}
	model_install_out(&u.m, &s->out);
	password_install(&u);   /* asked on the prompt line, never on the terminal under curses */
	pick_theme(&u);
	draw_apply_theme(&u);
	hooks_install(&u);
	tour_ui_install(&u);
	focus_install(&u);
	prompt_init(&u);
	if (s->conn && PQstatus(s->conn) == CONNECTION_OK) {
		u.m.server = s->server;
		u.m.server_known = true;
	}
	model_log(&u.m, LOG_INFO, "dwh console: F1 for help, quit or Ctrl-D to leave");
	worker_start(&u, "");   /* connect and count the tables without holding up the screen */
	event_loop(&u);
	shutdown_ui(&u);
	s->out = saved;
	if (!u.w.running)
		free(u.w.text);
	free(u.dump_path);
	return DWH_OK;
}
