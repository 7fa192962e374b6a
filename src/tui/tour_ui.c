/* tour_ui.c — the guided tour in the console: a card above the result with the step's title,
 * prose and commands; the commands run one after another on the worker as the step opens;
 * Enter on an empty line steps on, Backspace there (or the line `b`) goes back, `r` runs the
 * step again and `q` leaves the tour; any other line is run as usual.
 * The `tour` command (cmd_tour.c) hands the loaded steps over through s->hooks.tour. */
#include <curses.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/tour.h"
#include "tui/paint.h"
#include "tui/ui.h"

struct tour_ui {
	struct tour t;
	int step;               /* the step shown */
	int next_cmd;           /* its next command to start; ncmds when all have started */
	bool failed;            /* a command of this step failed: the rest are not run */
};

/* Worker thread: take the steps over; the drawing thread starts step 1 (tour_tick). */
static enum dwh_rc hook_tour(struct dwh *s, struct tour *t)
{
	struct ui *u = ui_of_session(s);
	struct tour_ui *nt = calloc(1, sizeof *nt);

	if (!nt) {
		tour_free(t);
		return dwh_fail(s, "tour: out of memory");
	}
	nt->t = *t;
	model_lock(&u->m);
	if (u->tour) {
		tour_free(&u->tour->t);
		free(u->tour);
	}
	u->tour = nt;
	model_changed(&u->m);
	model_unlock(&u->m);
	dwh_msg(s, LOG_INFO, "tour: %d steps; Enter: next, Backspace or b: back, r: again, q: leave",
		t->n);
	return DWH_OK;
}

void tour_ui_install(struct ui *u)
{
	u->s->hooks.tour = hook_tour;
}

void tour_ui_remove(struct ui *u)
{
	u->s->hooks.tour = NULL;
	if (u->tour) {
		tour_free(&u->tour->t);
		free(u->tour);
		u->tour = NULL;
	}
}

static void leave(struct ui *u)
{
	model_lock(&u->m);
	tour_free(&u->tour->t);
	free(u->tour);
	u->tour = NULL;
	model_changed(&u->m);
	model_unlock(&u->m);
	model_log(&u->m, LOG_INFO, "tour: left; `tour` starts it again");
}

/* Show step i; run its commands when asked. */
static void go(struct ui *u, int i, bool run)
{
	struct tour_ui *tr = u->tour;

	model_lock(&u->m);
	tr->step = i < 0 ? 0 : i >= tr->t.n ? tr->t.n - 1 : i;
	tr->next_cmd = run ? 0 : tr->t.steps[tr->step].ncmds;
	tr->failed = false;
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* What a line typed during the tour means: "" next, "b" back, "r" again, "q" leave; anything
 * else is a command or SQL for the prompt (so `run`, `query ...` still work mid-tour). */
static int line_action(const char *l)
{
	return !*l ? 'n' : !strcmp(l, "b") ? 'b' : !strcmp(l, "r") ? 'r' : !strcmp(l, "q") ? 'q' : 0;
}

bool tour_key(struct ui *u, int c)
{
	struct tour_ui *tr = u->tour;
	int act = 0;

	if (!tr || prompt_pending(u))
		return false;   /* in the middle of a statement: the keys are the prompt's */
	if (c == '\n' || c == '\r' || c == KEY_ENTER)
		act = line_action(rl_line_buffer ? rl_line_buffer : "");
	else if ((c == KEY_BACKSPACE || c == 127 || c == 8) && rl_end == 0)
		act = 'b';
	if (!act)
		return false;
	if (rl_end)
		prompt_clear(u);
	if (worker_busy(u)) {
		model_log(&u->m, LOG_NOTICE, "tour: the step is still running (Ctrl-C stops it)");
		return true;
	}
	switch (act) {
	case 'n':
		if (tr->step + 1 < tr->t.n) {
			go(u, tr->step + 1, true);
		} else {
			leave(u);
			model_log(&u->m, LOG_INFO, "tour: that was the last step");
		}
		break;
	case 'b': go(u, tr->step - 1, false); break;
	case 'r': go(u, tr->step, true); break;
	case 'q': leave(u); break;
	}
	return true;
}

/* Drawing thread, every turn of the loop: start the step's next command once the worker is
 * free; `dwh --tour` starts the tour itself. */
void tour_tick(struct ui *u)
{
	struct tour_ui *tr = u->tour;
	static bool started;

	if (worker_busy(u))
		return;
	if (u->s->opts.tour && !started) {
		started = true;
		worker_start(u, "tour");
		return;
	}
	if (!tr)
		return;
	const struct tour_step *st = &tr->t.steps[tr->step];
	if (tr->next_cmd > 0 && tr->next_cmd <= st->ncmds && u->w.rc != DWH_OK)
		tr->failed = true;
	if (tr->failed || tr->next_cmd >= st->ncmds)
		return;
	worker_start(u, st->cmds[tr->next_cmd++]);
}

/* Word-wrap the step's prose to w columns into lines (NULL: count only). */
static int wrap(const struct tour_step *st, int w, char **lines, int max)
{
	int n = 0;
	char buf[4096] = "";

	for (int i = 0; i <= st->nprose; i++) {
		const char *p = i < st->nprose ? st->prose[i] : "";

		if (*p) {               /* gather a paragraph */
			if (buf[0])
				strncat(buf, " ", sizeof buf - strlen(buf) - 1);
			strncat(buf, p, sizeof buf - strlen(buf) - 1);
			continue;
		}
		for (char *s = buf; *s;) {
			int len = (int)strlen(s), cut = len;

			if (model_width(s) > w) {
				cut = 0;
				for (int k = 0; k < len; k++) {
					char save = s[k];
					s[k] = '\0';
					int fits = model_width(s) <= w;
					s[k] = save;
					if (!fits)
						break;
					if (s[k] == ' ')
						cut = k;
				}
				if (cut == 0)   /* one word wider than the card */
					cut = w < len ? w : len;
			}
			if (lines && n < max)
				lines[n] = strndup(s, (size_t)cut);
			n++;
			s += cut;
			while (*s == ' ')
				s++;
		}
		if (buf[0] && i < st->nprose) {
			if (lines && n < max)
				lines[n] = strdup("");
			n++;
		}
		buf[0] = '\0';
	}
	return n;
}

int tour_card_rows(const struct ui *u, int cols)
{
	const struct tour_ui *tr = u->tour;

	if (!tr)
		return 0;
	const struct tour_step *st = &tr->t.steps[tr->step];
	/* border, prose, the commands, border */
	return 2 + wrap(st, cols - 4, NULL, 0) + st->ncmds;
}

/* The card: "Step N/M: TITLE" in the top border, prose, the commands, the keys below. */
void tour_draw(struct ui *u, struct rect r)
{
	const struct tour_ui *tr = u->tour;
	char title[512], *lines[128];

	if (!tr || r.h < 3)
		return;
	const struct tour_step *st = &tr->t.steps[tr->step];
	int n = wrap(st, r.w - 4, lines, 128), y = r.y + 1, last = r.y + r.h - 1;
	int room = last - y - st->ncmds;

	snprintf(title, sizeof title, "Tour %d/%d: %s", tr->step + 1, tr->t.n, st->title);
	draw_box(u, r, title, tr->step + 1 < tr->t.n ? "Enter: next · b: back · r: again · q: leave · F9: focus"
						 : "Enter: the end · b: back · q: leave · F9: focus");
	for (int i = 0; i < n && i < 128; i++) {
		if (y < last && i < room)
			draw_text(u, y++, r.x + 2, r.w - 4, 0, i == room - 1 && i < n - 1 ? "…" : lines[i],
				  EL_NORMAL);
		free(lines[i]);
	}
	for (int j = 0; j < st->ncmds && y < last; j++) {
		char c[600];
		enum theme_el el = j < tr->next_cmd - 1 || (j == tr->next_cmd - 1 && !worker_busy(u))
			? (tr->failed && j == tr->next_cmd - 1 ? EL_FAILED : EL_DONE)
			: j == tr->next_cmd - 1 ? EL_RUNNING : EL_PROMPT;
		snprintf(c, sizeof c, "$ %s", st->cmds[j]);
		draw_text(u, y++, r.x + 2, r.w - 4, 0, c, el);
	}
}
