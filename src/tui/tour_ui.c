/* tour_ui.c — the guided tour in the console: a card above the result with the step's title,
 * prose and commands; the commands run one after another on the worker as the step opens;
 * Enter on an empty line steps on, Backspace there (or the line `b`) goes back, `r` runs the
 * step again and `q` leaves the tour; any other line is run as usual.
 * The `tour` command (cmd_tour.c) hands the loaded steps over through s->hooks.tour. */
#include <curses.h>
#include <readline/readline.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "cmd/tour.h"
#include "tui/paint.h"
#include "tui/ui.h"

struct tour_ui {
	struct tour t;
	int step;               /* the step shown */
	int next_cmd;           /* its next command to start; ncmds when all have started */
	bool failed;            /* a command of this step failed: the rest are not run */
	bool landed;            /* the step has finished and its first result is shown */
	int *first, *last;      /* per step: the ids of the results its last run made (0: none) */
};

static void tour_ui_free(struct tour_ui *tr)
{
	tour_free(&tr->t);
	free(tr->first);
	free(tr->last);
	free(tr);
}

/* Worker thread: take the steps over; the drawing thread starts step 1 (tour_tick). */
static enum dwh_rc hook_tour(struct dwh *s, struct tour *t)
{
	struct ui *u = ui_of_session(s);
	struct tour_ui *nt = calloc(1, sizeof *nt);

	if (nt) {
		nt->first = calloc((size_t)t->n, sizeof *nt->first);
		nt->last = calloc((size_t)t->n, sizeof *nt->last);
	}
	nt->t = *t;
	if (!nt || !nt->first || !nt->last) {
		if (nt)
			tour_ui_free(nt);
		else
			tour_free(t);
		return dwh_fail(s, "tour: out of memory");
	}
	model_lock(&u->m);
	if (u->tour)
		tour_ui_free(u->tour);
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
		tour_ui_free(u->tour);
		u->tour = NULL;
	}
}

static void leave(struct ui *u)
{
	model_lock(&u->m);
	tour_ui_free(u->tour);
	u->tour = NULL;
	model_changed(&u->m);
	model_unlock(&u->m);
	model_log(&u->m, LOG_INFO, "tour: left; `tour` starts it again");
}

/* Show step i; run its commands when asked, else show the result it made (its card and its
 * result belong together: `b` brings back both). */
static void go(struct ui *u, int i, bool run)
{
	struct tour_ui *tr = u->tour;

	model_lock(&u->m);
	tr->step = i < 0 ? 0 : i >= tr->t.n ? tr->t.n - 1 : i;
	tr->next_cmd = run ? 0 : tr->t.steps[tr->step].ncmds;
	tr->failed = false;
	tr->landed = !run;
	if (run) {
		tr->first[tr->step] = tr->last[tr->step] = 0;   /* set as its first command starts */
	} else if (tr->first[tr->step] && tr->last[tr->step] >= tr->first[tr->step]) {
		model_show_result(&u->m, tr->first[tr->step]);
	}
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* A text result scrolled to the first line holding `at` (80x24 shows two or three lines). */
static void open_at(struct model_result *r, const char *at)
{
	if (!at || r->kind == RES_ROWS)
		return;
	for (int i = 0; i < r->nlines; i++)
		if (strstr(r->lines[i], at)) {
			r->top = i;
			return;
		}
}

/* The step has run: what it made is results first..last; the first (its SQL, where it has
 * one) is what the prose talks about, so it goes on screen. Lock not held. */
static void land(struct ui *u)
{
	struct tour_ui *tr = u->tour;

	model_lock(&u->m);
	tr->landed = true;
	tr->last[tr->step] = u->m.next_id;
	/* a failed step shows its error (the last thing it made) */
	if (tr->first[tr->step] <= tr->last[tr->step] &&
	    model_show_result(&u->m, tr->failed ? tr->last[tr->step] : tr->first[tr->step]))
		open_at(model_current(&u->m), tr->failed ? NULL : tr->t.steps[tr->step].at);
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* [ ] on an empty line: the step's other results. */
static void flip(struct ui *u, int delta)
{
	struct tour_ui *tr = u->tour;
	struct model_result *r;

	model_lock(&u->m);
	r = model_current(&u->m);
	int to = r ? r->id + delta : 0, a = tr->first[tr->step], b = tr->last[tr->step];
	if (to >= a && to <= b)
		model_show_result(&u->m, to);
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
	else if ((c == '[' || c == ']') && rl_end == 0 && tr->landed) {
		flip(u, c == '[' ? -1 : 1);
		return true;
	}
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

/* Where a statement reads better broken: before these words, outside quotes and brackets. */
static bool clause_at(const char *p)
{
	static const char *const kw[] = { "FROM ", "JOIN ", "LEFT JOIN ", "WHERE ", "GROUP BY ",
					  "HAVING ", "ORDER BY ", "LIMIT ", "UNION ", NULL };

	for (int i = 0; kw[i]; i++)
		if (!strncasecmp(p, kw[i], strlen(kw[i])))
			return true;
	return false;
}

/* A statement the step types, as a result of its own (one clause a line), so the class reads
 * the SQL whole rather than the card's one cut line. */
static void show_sql(struct ui *u, const char *sql)
{
	size_t n = strlen(sql);
	char *text = malloc(2 * n + 1), title[64], q = 0;
	int depth = 0;
	size_t o = 0;

	if (!text)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = sql[i];
		if (q) {
			q = c == q ? 0 : q;
		} else if (c == '\'' || c == '"') {
			q = c;
		} else if (c == '(' || c == ')') {
			depth += c == '(' ? 1 : -1;
		} else if (c == ' ' && depth == 0 && clause_at(sql + i + 1) &&
			   !(o >= 4 && !strncasecmp(text + o - 4, "LEFT", 4))) {
			c = '\n';
		}
		text[o++] = c;
	}
	text[o] = '\0';
	snprintf(title, sizeof title, "SQL of tour step %d", u->tour->step + 1);
	model_out_text(&u->m, title, text);
	free(text);
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
	if (tr->failed || tr->next_cmd >= st->ncmds) {
		if (!tr->landed)
			land(u);
		return;
	}
	if (tr->next_cmd == 0) {
		model_lock(&u->m);
		tr->first[tr->step] = u->m.next_id + 1;
		model_unlock(&u->m);
	}
	const char *cmd = st->cmds[tr->next_cmd++];
	if (!cmd_is_command(cmd))
		show_sql(u, cmd);
	worker_start(u, cmd);
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
	/* border, prose, the commands, what is on screen, border */
	return 3 + wrap(st, cols - 4, NULL, 0) + st->ncmds;
}

/* Which of the step's results is on screen: "on screen: 1 of 2, SQL of load songplays ·
 * [ ] the step's other results". Model locked. */
static void on_screen(struct ui *u, char *buf, size_t n)
{
	const struct tour_ui *tr = u->tour;
	struct model_result *r = model_current(&u->m);
	int a = tr->first[tr->step], b = tr->landed ? tr->last[tr->step] : u->m.next_id;

	if (!a || b < a) {
		snprintf(buf, n, "on screen: %s", tr->landed ? "nothing from this step (r runs it)"
							  : "the step is starting");
		return;
	}
	if (!r || r->id < a || r->id > b) {
		snprintf(buf, n, "on screen: not this step's result · [ ] its %d result%s", b - a + 1,
			 dwh_plural(b - a + 1));
		return;
	}
	char name[200];
	snprintf(name, sizeof name, "%.*s", (int)strcspn(r->title ? r->title : r->sql ? r->sql
							  : "a result", "\n"),
		 r->title ? r->title : r->sql ? r->sql : "a result");
	snprintf(buf, n, "on screen: %d of %d, %s%s", r->id - a + 1, b - a + 1, name,
		 b > a ? " · [ ] the step's other results" : "");
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
	int room = last - y - st->ncmds - 1;

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
		draw_clip(c, r.w - 4, u->utf8);    /* a long statement is whole in its own result */
		draw_text(u, y++, r.x + 2, r.w - 4, 0, c, el);
	}
	if (y < last) {
		char c[400];
		on_screen(u, c, sizeof c);
		draw_clip(c, r.w - 4, u->utf8);
		draw_text(u, y++, r.x + 2, r.w - 4, 0, c, EL_INFO);
	}
}
