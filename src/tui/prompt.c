/* prompt.c — GNU readline inside curses, as pspg does it: readline's callback interface reads
 * keys we hand it (rl_getc_function), and draws through rl_redisplay_function into the
 * bottom line; it never touches the terminal itself. The cursor column comes from display
 * width, so UTF-8 input lines up. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "cmd.h"
#include "qbuf.h"
#include "sqlscan.h"
#include "tui/ui.h"

#define PROMPT_MAIN "dwh> "

static struct ui *cur;
static unsigned char inq[256];       /* bytes waiting for readline */
static int inq_head, inq_len;
static FILE *devnull;

static void push_bytes(const char *b)
{
	for (; *b && inq_len < (int)sizeof inq; b++)
		inq[(inq_head + inq_len++) % sizeof inq] = (unsigned char)*b;
}

static int rl_getc_cb(FILE *f)
{
	(void)f;
	if (inq_len == 0)
		return EOF;
	int c = inq[inq_head];
	inq_head = (inq_head + 1) % (int)sizeof inq;
	inq_len--;
	return c;
}

static int rl_avail_cb(void)
{
	return inq_len > 0;
}

static void noop_prep(int meta)
{
	(void)meta;
}

static void noop_deprep(void)
{
}

static void rl_redisplay_cb(void)
{
	if (cur && !cur->help)
		prompt_draw(cur);
}

/* readline would print matches on its stream; show them in the log instead. */
static void show_matches(char **matches, int n, int maxlen)
{
	char buf[1024];
	size_t len = 0;

	(void)maxlen;
	for (int i = 1; i <= n && len + 2 < sizeof buf; i++)
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i > 1 ? "  " : "",
					matches[i]);
	model_log(&cur->m, LOG_NOTICE, "%s", buf);
}

void prompt_format(char *buf, size_t n, char state, int xact)
{
	const char *x = xact == PQTRANS_INTRANS ? "*" : xact == PQTRANS_INERROR ? "!" : "";

	if (state)
		snprintf(buf, n, "dwh%c%s> ", state, x);
	else
		snprintf(buf, n, "dwh%s%s> ", *x ? "=" : "", x);
}

void prompt_refresh(struct ui *u)
{
	char p[32];

	prompt_format(p, sizeof p, qbuf_state(u->s), u->m.xact);
	if (!rl_prompt || strcmp(rl_prompt, p))
		rl_set_prompt(p);
	complete_set_pending(qbuf_pending(u->s));
}

/* A line that dwh answers itself (a command, a meta-command even in the middle of a statement,
 * an unknown word) is run as it is; SQL joins the query buffer until a ';' ends it. */
static char *take_line(struct ui *u, const char *line)
{
	bool pending = qbuf_pending(u->s), meta = line[strspn(line, " \t")] == '\\';

	if ((!pending || meta) && cmd_is_command(line))
		return strdup(line);
	qbuf_append(u->s, line);
	return qbuf_take(u->s);
}

static void on_line(char *line)
{
	struct ui *u = cur;
	char *text;

	if (!line) {                    /* Ctrl-D on an empty line */
		u->quit = true;
		return;
	}
	if (!qbuf_pending(u->s) && (cmd_is_quit(line) || sqlscan_blank(line))) {
		if (cmd_is_quit(line))
			u->quit = true;
		free(line);
		return;
	}
	text = take_line(u, line);
	prompt_refresh(u);
	if (text) {
		history_add_entry(text);
		model_log(&u->m, LOG_NOTICE, "%s%s", PROMPT_MAIN, text);
		worker_start(u, text);
		free(text);
	}
	free(line);
}

void prompt_init(struct ui *u)
{
	cur = u;
	devnull = fopen("/dev/null", "w");
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = noop_prep;
	rl_deprep_term_function = noop_deprep;
	rl_getc_function = rl_getc_cb;
	rl_input_available_hook = rl_avail_cb;
	rl_redisplay_function = rl_redisplay_cb;
	rl_completion_display_matches_hook = show_matches;
	rl_outstream = devnull;
	rl_readline_name = "dwh";
	complete_install(u->s);
	history_open();
	rl_callback_handler_install(PROMPT_MAIN, on_line);
	/* Readline assumes an 80-column screen until told; our line is the window's width. */
	rl_set_screen_size(1, COLS);
}

void prompt_done(struct ui *u)
{
	(void)u;
	rl_callback_handler_remove();
	history_close();
	if (devnull)
		fclose(devnull);
	devnull = NULL;
	cur = NULL;
}

/* Keys curses decoded, turned back into the sequences readline binds by default. */
static const char *key_seq(int key)
{
	switch (key) {
	case KEY_UP: return "\033[A";
	case KEY_DOWN: return "\033[B";
	case KEY_RIGHT: return "\033[C";
	case KEY_LEFT: return "\033[D";
	case KEY_HOME: return "\001";
	case KEY_END: return "\005";
	case KEY_BACKSPACE: return "\177";
	case KEY_DC: return "\004";
	case KEY_ENTER: return "\r";
	default: return NULL;
	}
}

void prompt_key(struct ui *u, int key)
{
	char b[2] = { 0, 0 };
	const char *seq;

	cur = u;
	if (key == KEY_DC) {            /* delete, but never Ctrl-D's end-of-file */
		if (rl_point < rl_end)
			rl_delete(1, 0);
		rl_redisplay_cb();
		return;
	}
	if (key >= 0 && key < 256) {
		b[0] = (char)key;
		seq = key == 0 ? NULL : b;
	} else {
		seq = key_seq(key);
	}
	if (!seq)
		return;
	push_bytes(seq);
	while (inq_len > 0 && !u->quit)
		rl_callback_read_char();
}

void prompt_clear(struct ui *u)
{
	qbuf_reset(u->s);
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	prompt_refresh(u);
	inq_len = 0;
	rl_redisplay_cb();
}

void prompt_draw(struct ui *u)
{
	struct rect r = u->lay.pane[PANE_PROMPT];
	const char *prompt = rl_display_prompt ? rl_display_prompt : PROMPT_MAIN;
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	int pw = model_width(prompt), before, scroll = 0, x, y = r.y, w = r.w;
	char *head = strndup(line, (size_t)rl_point);

	if (u->lay.too_small) {
		y = LINES - 1;
		w = COLS;
	}
	before = head ? model_width(head) : 0;
	free(head);
	/* Scroll sideways so the cursor stays in view on long lines. */
	if (pw + before >= w - 1)
		scroll = pw + before - (w - 1) + w / 4;
	x = draw_text(u, y, 0, w, scroll, prompt, EL_PROMPT);
	x += draw_text(u, y, x, w - x, scroll > pw ? scroll - pw : 0, line, EL_NORMAL);
	move(y, pw + before - scroll < w ? pw + before - scroll : w - 1);
	refresh();
}
