/* password.c — the server wants a password while the worker connects: the worker waits while
 * the drawing thread takes the keys on the prompt line, echoing nothing, as psql's prompt does
 * (the worker must never read the terminal under curses). Enter gives the password; Esc,
 * Ctrl-C or Ctrl-D give none. The typed bytes are wiped as soon as they are handed over. */
#include "tui/ui.h"

#include <curses.h>
#include <string.h>
#include <strings.h>

/* The dwh_out callback: runs on the worker thread. */
static bool ask(void *ctx, const char *prompt, char *buf, size_t n)
{
	struct ui *u = ui_of_model(ctx);
	struct pwask *p = &u->pw;
	bool ok;

	model_lock(&u->m);
	snprintf(p->prompt, sizeof p->prompt, "%s", prompt);
	p->len = 0;
	p->active = true;
	p->answered = false;
	model_changed(&u->m);
	while (!p->answered)
		pthread_cond_wait(&p->cv, &u->m.mu);
	ok = p->ok && p->len < n;
	if (ok) {
		memcpy(buf, p->buf, p->len);
		buf[p->len] = '\0';
	}
	memset(p->buf, 0, sizeof p->buf);
	p->len = 0;
	model_unlock(&u->m);
	return ok;
}

/* The same prompt line asks before a destructive statement runs: y (or yes) goes on,
 * anything else, Esc or Ctrl-C does not. */
static bool confirm(void *ctx, const char *question)
{
	struct ui *u = ui_of_model(ctx);
	char said[8];
	bool ok;

	u->pw.echo = true;
	ok = ask(ctx, question, said, sizeof said);
	model_lock(&u->m);
	u->pw.echo = false;
	model_unlock(&u->m);
	return ok && (!strcasecmp(said, "y") || !strcasecmp(said, "yes"));
}

void password_install(struct ui *u)
{
	pthread_cond_init(&u->pw.cv, NULL);
	u->s->out.password = ask;
	u->s->out.confirm = confirm;
}

/* Hand the answer to the worker (drawing thread, or shutdown). */
static void answer(struct ui *u, bool ok)
{
	model_lock(&u->m);
	u->pw.ok = ok;
	u->pw.active = false;
	u->pw.answered = true;
	pthread_cond_signal(&u->pw.cv);
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* Whether a password is being asked (the worker sets it under the model lock). */
static bool asking(struct ui *u)
{
	bool a;

	model_lock(&u->m);
	a = u->pw.active;
	model_unlock(&u->m);
	return a;
}

void password_abort(struct ui *u)
{
	if (asking(u))
		answer(u, false);
}

bool password_key(struct ui *u, int c)
{
	struct pwask *p = &u->pw;

	if (!asking(u))
		return false;
	if (c == '\n' || c == '\r' || c == KEY_ENTER)
		answer(u, true);
	else if (c == 27 || c == 3 || c == 4)
		answer(u, false);
	else if ((c == KEY_BACKSPACE || c == 127 || c == 8) && p->len > 0)
		p->len--;
	else if (c >= 32 && c < 256 && c != 127 && p->len + 1 < sizeof p->buf)
		p->buf[p->len++] = (char)c;
	return true;
}

bool password_draw(struct ui *u)
{
	struct rect r = u->lay.pane[PANE_PROMPT];
	int x;

	if (!asking(u))
		return false;
	if (u->lay.too_small)
		r.y = LINES - 1, r.w = COLS;
	x = draw_text(u, r.y, 0, r.w, 0, u->pw.prompt, EL_PROMPT);
	if (u->pw.echo && x < r.w) {            /* a question's answer shows; a password never */
		char said[sizeof u->pw.buf];

		model_lock(&u->m);
		snprintf(said, sizeof said, "%.*s", (int)u->pw.len, u->pw.buf);
		model_unlock(&u->m);
		x += draw_text(u, r.y, x, r.w - x, 0, said, EL_PROMPT);
	}
	move(r.y, x < r.w ? x : r.w - 1);
	refresh();
	return true;
}
