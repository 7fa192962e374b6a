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

#include "cmd/cmd.h"
#include "psql/qbuf.h"
#include "base/sqlscan.h"
#include "tui/ui.h"
#include "tui/paint.h"
#include "base/textesc.h"

#define PROMPT_MAIN "dwh> "

/* readline calls back (on_line, the redisplay, the matches) with no context argument, so the
 * console they work for is kept here from prompt_init to prompt_done: the console's one
 * global, as every other callback reaches its console through what it is given (ui.h). */
static struct ui *cur;
/* Up/Down inside a pending statement: while one of its earlier lines is edited, the query
 * buffer holds the lines above it, `below` the pending lines under it (NULL: none) and `saved`
 * the line that was being typed (NULL: no earlier line is being edited). */
static char *below, *saved;
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

static void redisplay(struct ui *u)
{
	if (u && !u->help)
		prompt_draw(u);
}

static void rl_redisplay_cb(void)
{
	redisplay(cur);
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
	return cmd_take_line(u->s, line);
}

/* What the log and the history keep of a meta-command that runs the query buffer (\g…,
 * \watch): the statement as typed ("SELECT … \gset", lines before it joined), not the bare
 * "\gset" (Up must bring the statement back, as psql's history does). NULL: keep text. */
static char *as_typed(const char *pending, const char *line, const char *text)
{
	const char *l = line + strspn(line, " \t");
	bool runs_buffer = !strncmp(text, "\\g", 2) || !strncmp(text, "\\watch", 6);
	char *out;

	if (!runs_buffer || (!pending && !strcmp(l, text)))
		return NULL;
	if (!pending)
		return strdup(line);
	if (!(out = malloc(strlen(pending) + strlen(line) + 2)))
		return NULL;
	sprintf(out, "%s %s", pending, line);
	return out;
}

static void on_line(char *line)
{
	struct ui *u = cur;
	char *text, *pending;

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
	pending = qbuf_pending(u->s) ? qbuf_get(u->s) : NULL;
	text = take_line(u, line);
	prompt_refresh(u);
	if (text) {
		char *typed = as_typed(pending, line, text);
		const char *keep = typed ? typed : text;

		history_add_entry(keep);
		model_log(&u->m, LOG_NOTICE, "%s%s", PROMPT_MAIN, keep);
		worker_start(u, text);
		free(typed);
		free(text);
	}
	free(pending);
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

static void prompt_clear_rows(void)
{
	free(below);
	free(saved);
	below = saved = NULL;
}

bool prompt_pending(struct ui *u)
{
	return saved || qbuf_pending(u->s);
}

/* a and b joined by a newline (either may be NULL), malloc'd */
static char *join(const char *a, const char *b)
{
	size_t na = a ? strlen(a) : 0, nb = b ? strlen(b) : 0;
	char *t = malloc(na + nb + 2);

	if (t)
		snprintf(t, na + nb + 2, "%s%s%s", a ? a : "", a && b ? "\n" : "", b ? b : "");
	return t;
}

/* The cursor's column (in bytes) on its line of the edited text. */
static size_t column(void)
{
	size_t p = (size_t)rl_point, c = 0;

	while (c < p && rl_line_buffer[p - c - 1] != '\n')
		c++;
	return c;
}

/* Make text the edited line, the cursor at col (or its end), never inside a UTF-8 character. */
static void set_line(const char *text, size_t col)
{
	size_t n = strlen(text);

	rl_replace_line(text, 1);
	if (col > n)
		col = n;
	while (col > 0 && ((unsigned char)text[col] & 0xC0) == 0x80)
		col--;
	rl_point = (int)col;
}

/* Up from the line being typed or an earlier line: the previous line of the statement becomes
 * the edited one. On its first line, the whole statement becomes the edited text (as a recalled
 * entry is) and Up goes on into the history, whose Down brings it back: false then. */
static bool row_up(struct ui *u)
{
	char *above = qbuf_get(u->s), *cut, *cur_text = strdup(rl_line_buffer), *t;
	size_t col = column();

	if (!above) {           /* the first line (an empty line being typed is left out) */
		char *all;

		t = join(cur_text, below);
		all = saved ? join(t, *saved ? saved : NULL) : NULL;
		if (all)
			set_line(all, col);
		free(all);
		free(t);
		free(cur_text);
		prompt_clear_rows();
		prompt_refresh(u);
		return false;
	}
	if (!saved) {
		saved = cur_text;
	} else {
		t = join(cur_text, below);
		free(below);
		free(cur_text);
		below = t;
	}
	cut = strrchr(above, '\n');
	set_line(cut ? cut + 1 : above, col);
	if (cut)
		*cut = '\0';
	qbuf_set(u->s, cut ? above : NULL);
	free(above);
	prompt_refresh(u);
	return true;
}

/* Down from an earlier line: its edit joins the buffer, the next line becomes the edited one,
 * and past the last pending line the line being typed comes back (the cursor at its end). */
static void row_down(struct ui *u)
{
	size_t col = column();
	char *next, *nl, *t;

	if (qbuf_pending(u->s))
		qbuf_append(u->s, rl_line_buffer);
	else
		qbuf_set(u->s, rl_line_buffer);
	if (below) {
		nl = strchr(below, '\n');
		next = strndup(below, nl ? (size_t)(nl - below) : strlen(below));
		t = nl ? strdup(nl + 1) : NULL;
		free(below);
		below = t;
		set_line(next ? next : "", col);
		free(next);
	} else {
		set_line(saved, strlen(saved));
		free(saved);
		saved = NULL;
	}
	prompt_refresh(u);
}

/* Keys that edit an earlier line differently from readline; true when the key was handled. */
static bool row_key(struct ui *u, int key)
{
	if (RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH))
		return false;
	if (key == KEY_UP && (saved || qbuf_pending(u->s)))
		return row_up(u);
	if (!saved)
		return false;
	switch (key) {
	case KEY_DOWN:
		row_down(u);
		return true;
	case '\r': case '\n': case KEY_ENTER:     /* the edit is taken; back to the end */
		while (saved)
			row_down(u);
		return true;
	case 4:                                   /* Ctrl-D: never end-of-file in a statement */
		if (rl_point < rl_end)
			rl_delete(1, 0);
		return true;
	case 18: case 19:                         /* Ctrl-R/S search from the end, as before */
		while (saved)
			row_down(u);
		return false;
	default:
		return false;
	}
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

	if (row_key(u, key)) {
		redisplay(u);
		return;
	}
	if (key == KEY_DC) {            /* delete, but never Ctrl-D's end-of-file */
		if (rl_point < rl_end)
			rl_delete(1, 0);
		redisplay(u);
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

/* The next key within a moment, or ERR. */
static int next_key(void)
{
	int c;

	timeout(200);
	c = getch();
	nodelay(stdscr, TRUE);
	return c;
}

#define PASTE_MAX (1 << 20)

bool prompt_paste(struct ui *u)
{
	static const char begin[] = "[200~", end[] = "\033[201~";
	int got[8], n = 0, c;
	char *text;
	size_t len = 0, e = strlen(end);

	/* after the ESC: the rest of ESC[200~, or give back what was read */
	while (n < 5 && (c = next_key()) != ERR) {
		got[n++] = c;
		if (c != begin[n - 1])
			break;
	}
	if (n < 5 || got[4] != '~') {
		while (n > 0)
			ungetch(got[--n]);
		return false;
	}
	if (!(text = malloc(PASTE_MAX + 1)))
		return true;
	while (len < PASTE_MAX && (c = next_key()) != ERR) {
		text[len++] = (char)(c == '\r' ? '\n' : c);      /* a line break stays a newline */
		if (len >= e && !memcmp(text + len - e, end, e)) {
			len -= e;
			break;
		}
	}
	if (len > 0 && text[len - 1] == '\n')  /* the last line break: Enter sends it */
		len--;
	text[len] = '\0';
	rl_insert_text(text);   /* as it is: a tab is no completion, a newline runs nothing */
	free(text);
	redisplay(u);
	return true;
}

void prompt_clear(struct ui *u)
{
	prompt_clear_rows();
	qbuf_reset(u->s);
	rl_replace_line("", 0);
	rl_point = rl_end = 0;
	prompt_refresh(u);
	inq_len = 0;
	redisplay(u);
}

/* Line i (0-based) of text split at newlines, as a new string; NULL past the end. */
static char *nth_line(const char *text, int i)
{
	for (; i > 0 && text; i--)
		if ((text = strchr(text, '\n')) != NULL)
			text++;
	return text ? strndup(text, strcspn(text, "\n")) : NULL;
}

static int count_lines(const char *text)
{
	int n = 1;

	for (; text && *text; text++)
		n += *text == '\n';
	return n;
}

/* The line as typed, then its highlighted runs (sqlscan_classes) over it. A line with control
 * characters (shown escaped, so wider) stays plain. */
static void draw_sql(struct ui *u, int y, int x, int w, int skip, const char *text)
{
	size_t n = strlen(text);
	char *cls;

	draw_text(u, y, x, w, skip, text, EL_NORMAL);
	if (w <= 0 || !n || textesc_needed(text, 0) || !(cls = malloc(n)))
		return;
	sqlscan_classes(text, n, cls);
	draw_sql_runs(u, y, x, w, skip, text, cls);
	free(cls);
	attrset(draw_style(u, EL_NORMAL));
}

/* One row of the prompt area: prefix in the prompt's style, then text, sideways by skip. */
/* A row scrolled `skip` columns sideways; a pinned prefix (Ctrl-R's "(reverse-i-search)" label)
 * stays where it is and only the text scrolls, so the label never leaves the screen. */
static void draw_row(struct ui *u, int y, int w, int skip, const char *prefix, const char *text,
		     bool pin)
{
	int pw = model_width(prefix), x;

	x = draw_text(u, y, 0, w, pin ? 0 : skip, prefix, EL_PROMPT);
	draw_sql(u, y, x, w - x, pin ? skip : skip > pw ? skip - pw : 0, text);
}

/* The prefix and text (malloc'd) of row idx of the prompt area: the pending lines above the
 * edited text, its own lines, then while an earlier line is edited the pending lines below it
 * and the line that was being typed, after the prompt the whole statement so far would give. */
static const char *row_at(struct ui *u, int idx, const char *pend, const char *line,
			  const char *pad, char **t)
{
	static char sp[32];
	int np = pend ? count_lines(pend) : 0, nb = count_lines(line);
	int nbl = below ? count_lines(below) : 0;

	if (idx < np) {
		*t = nth_line(pend, idx);
		return idx == 0 ? PROMPT_MAIN : "dwh-> ";
	}
	if (idx < np + nb) {
		*t = nth_line(line, idx - np);
		if (idx > np)
			return pad;
		return rl_display_prompt ? rl_display_prompt : PROMPT_MAIN;
	}
	if (idx < np + nb + nbl) {
		*t = nth_line(below, idx - np - nb);
		return "dwh-> ";
	}
	*t = nth_line(saved, idx - np - nb - nbl);
	if (idx > np + nb + nbl)
		return pad;
	char *a = join(pend, line), *all = join(a, below);

	prompt_format(sp, sizeof sp, all ? sqlscan_state(all, strlen(all)) : 0, u->m.xact);
	free(a);
	free(all);
	return sp;
}

/* The statement being typed shows whole: its earlier lines (the query buffer) above the line
 * being edited, which may hold newlines itself (a recalled or pasted statement), and the lines
 * under it when an earlier line is edited. The area grows upwards over the log to a third of
 * the screen, then shows the rows nearest the cursor. */
void prompt_draw(struct ui *u)
{
	struct rect r = u->lay.pane[PANE_PROMPT];
	const char *prompt = rl_display_prompt ? rl_display_prompt : PROMPT_MAIN;
	const char *line = rl_line_buffer ? rl_line_buffer : "";
	char *pend = qbuf_get(u->s), *head = strndup(line, (size_t)rl_point);
	int y = r.y, w = r.w, max = LINES / 3, np = pend ? count_lines(pend) : 0;
	int nb = count_lines(line), cl = count_lines(head) - 1, first, shown, cx, scroll = 0;
	int total = np + nb + (below ? count_lines(below) : 0) + (saved ? count_lines(saved) : 0);
	const char *cur_line = head ? head + strlen(head) : "";
	char pad[64];
	bool pin = RL_ISSTATE(RL_STATE_ISEARCH) && model_width(prompt) < w / 2;

	if (u->lay.too_small) {
		y = LINES - 1;
		w = COLS;
		max = 1;
	}
	if (max < 1)
		max = 1;
	while (head && cur_line > head && cur_line[-1] != '\n')
		cur_line--;
	first = total > max ? total - max : 0;
	if (np + cl < first)
		first = np + cl;
	shown = total - first < max ? total - first : max;
	snprintf(pad, sizeof pad, "%*s", model_width(prompt), "");
	cx = (cl == 0 ? model_width(prompt) : (int)strlen(pad)) + model_width(cur_line);
	if (cx >= w - 1)        /* scroll sideways so the cursor stays in view on long lines */
		scroll = cx - (w - 1) + (pin ? w - model_width(prompt) : w) / 4;
	for (int i = 0; i < shown; i++) {
		int idx = first + i, row = y - (shown - 1) + i;
		char *t = NULL;
		const char *pre = row_at(u, idx, pend, line, pad, &t);
		bool mine = idx >= np && idx < np + nb;

		draw_row(u, row, w, mine && idx - np == cl ? scroll : 0, pre, t ? t : "", pin && idx == np);
		free(t);
	}
	move(y - (shown - 1) + (np + cl - first), cx - scroll < w ? cx - scroll : w - 1);
	free(head);
	free(pend);
	refresh();
}
