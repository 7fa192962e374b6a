/* draw.c — the screen: each pane of the model where layout.c puts it (the status bar, Tables,
 * Pipeline, the log; the help overlay is help.c's, the result is grid.c's, the tour card tour_ui.c's),
 * painted with paint.c's primitives. Reading the screen back as text is dump.c's. Drawing
 * thread only. */
#include <curses.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "etl/runlog.h"
#include "view/print.h"
#include "tui/paint.h"
#include "tui/ui.h"

struct glyphs { const char *dot, *sep, *pending, *running, *done, *failed, *cancelled, *full, *empty, *vbar; };
static const struct glyphs G_UTF8 = { "·", " · ", "·", "▶", "✓", "✗", "⊘", "█", "░", "│" };
static const struct glyphs G_ASCII = { ".", " | ", ".", ">", "+", "x", "-", "#", ".", "|" };

static const struct glyphs *gl(const struct ui *u)
{
	return u->utf8 ? &G_UTF8 : &G_ASCII;
}

static const char *state_word(enum conn_state cs)
{
	static const char *const w[] = { "connecting", "ready", "busy", "lost", "failed" };
	return w[cs];
}

/* "user@host:port/db", eliding the middle of a long host (a socket directory) to fit. */
static void fmt_where(const struct dwh_server *sv, int maxw, char *buf, size_t n, bool utf8)
{
	int hw = model_width(sv->host);

	snprintf(buf, n, "%s@%s:%s/%s", sv->user, sv->host, sv->port, sv->dbname);
	if (model_width(buf) <= maxw || hw < 8)
		return;
	int keep = hw - (model_width(buf) - maxw) - 1;
	if (keep < 4)
		keep = 4;
	size_t hl = strlen(sv->host);
	snprintf(buf, n, "%s@%s%s:%s/%s", sv->user, utf8 ? "…" : "~",
		 sv->host + (hl > (size_t)keep ? hl - (size_t)keep : 0), sv->port, sv->dbname);
}

static void draw_bar(struct ui *u, struct rect r)
{
	struct model *m = &u->m;
	const struct dwh_server *sv = &m->server;
	char left[1024], right[128], tail[512] = "", where[700], state[600];
	attr_t bar = draw_style(u, EL_STATUSBAR);
	enum theme_el st = m->cs == CS_READY ? EL_STATUS_OK : m->cs == CS_BUSY || m->cs == CS_CONNECTING
		? EL_STATUS_BUSY : EL_STATUS_BAD;
	const char *sep = gl(u)->sep;
	int x, rw;

	snprintf(right, sizeof right, "theme: %s", m->theme_name);
	rw = model_width(right) + 1;
	if (m->cs_reason[0])
		snprintf(tail, sizeof tail, ": %s", m->cs_reason);
	else if (m->cs == CS_BUSY && m->busy_since > 0)
		snprintf(tail, sizeof tail, " %.0f s%s%s", dwh_now() - m->busy_since,
			 m->side_epoch == m->epoch && m->side_progress[0] ? ": " : "",
			 m->side_epoch == m->epoch ? m->side_progress : "");
	snprintf(state, sizeof state, "%s%s", m->cs != CS_READY ? state_word(m->cs)
		 : m->xact == PQTRANS_INTRANS ? "in transaction"
		 : m->xact == PQTRANS_INERROR ? "failed transaction — ROLLBACK" : "ready", tail);
	if (m->cs == CS_READY && m->xact == PQTRANS_INERROR)
		st = EL_STATUS_BAD;
	tail[0] = '\0';
	if (m->server_known && m->cs != CS_LOST && m->cs != CS_FAILED) {
		double lat = m->latency_ms >= 0 ? m->latency_ms : sv->latency_ms;
		if (lat >= 0)
			snprintf(tail, sizeof tail, "%s%.1f ms", sep, lat);
		snprintf(tail + strlen(tail), sizeof tail - strlen(tail), "%spid %d", sep, sv->pid);
	}
	if (m->server_known) {
		/* Whatever does not fit comes out of the middle of the host name. */
		int over;
		fmt_where(sv, 4096, where, sizeof where, u->utf8);
		/* First "no ssl" goes (encryption still shows when on), then the middle of the
		 * host, then the theme's name. */
		bool nossl = !sv->ssl, elided = false;
		for (int pass = 0; pass < 4; pass++) {
			char ssl[16] = "";
			if (sv->ssl || nossl)
				snprintf(ssl, sizeof ssl, "%s%s", sv->ssl ? "ssl" : "no ssl", sep);
			snprintf(left, sizeof left, " dwh%s%s%s%s%s%s", sep, sv->version, sep, where,
				 sep, ssl);
			over = model_width(left) + model_width(state) + model_width(tail) + rw + 2 - r.w;
			if (over <= 0)
				break;
			if (nossl)
				nossl = false;
			else if (!elided)
				fmt_where(sv, model_width(where) - over, where, sizeof where, u->utf8), elided = true;
			else
				rw = 0;
		}
	} else {
		snprintf(left, sizeof left, " dwh%s", sep);
	}
	draw_fill(r.y, r.x, r.w, bar);
	x = draw_put(u, r.y, r.x, r.w - rw, 0, left, bar);
	x += draw_put(u, r.y, r.x + x, r.w - rw - x, 0, state, draw_style(u, st));
	x += draw_put(u, r.y, r.x + x, r.w - rw - x, 0, tail, bar);
	if (rw && x + rw <= r.w)
		draw_put(u, r.y, r.x + r.w - rw, rw, 0, right, bar);
}

static void draw_tables(struct ui *u, struct rect r)
{
	struct model *m = &u->m;
	int y = r.y + 1, inner = r.w - 4;

	draw_box(u, r, "Tables · rows", NULL);   /* what the figures count: each table's size */
	for (int i = 0; i < MODEL_TABLES && y < r.y + r.h - 1; i++) {
		char num[32];
		int64_t n = m->table_rows[i];

		if (i == MODEL_TABLES - 1 && n <= 0)   /* load_errors only when it has rows */
			continue;
		if (n == -1)
			snprintf(num, sizeof num, "-");
		else if (n == -2)
			snprintf(num, sizeof num, "?");
		else
			runlog_count(n, num, sizeof num);      /* 6,820 as the Pipeline pane writes it */
		enum theme_el el = i == MODEL_TABLES - 1 ? EL_WARN : EL_NORMAL;
		draw_put(u, y, r.x + 2, inner, 0, m->table_names[i], draw_style(u, el));
		int nw = (int)strlen(num), namew = (int)strlen(m->table_names[i]);
		/* what the last command changed: "6820 +6820", or where that does not fit the
		 * count alone, marked */
		int x = r.x + 2 + inner;
		if (m->table_delta[i] && m->table_delta_epoch[i] == m->epoch) {
			char d[32];
			d[0] = m->table_delta[i] > 0 ? '+' : '\0';
			runlog_count(m->table_delta[i], d + (d[0] == '+'), sizeof d - 1);
			int dw = (int)strlen(d);
			if (namew + 1 + nw + 1 + dw <= inner) {
				draw_put(u, y, x - dw, dw, 0, d, draw_style(u, EL_DONE) | A_BOLD);
				x -= dw + 1;
			} else {
				el = EL_DONE;
			}
		}
		draw_put(u, y, x - nw, nw, 0, num, draw_style(u, n < 0 ? EL_PENDING : el));
		y++;
	}
}

static void fmt_secs(char *buf, size_t n, double s)
{
	if (s < 10)
		snprintf(buf, n, "%.2f s", s);
	else if (s < 60)
		snprintf(buf, n, "%.1f s", s);
	else
		snprintf(buf, n, "%dm%02ds", (int)s / 60, (int)s % 60);
}

/* The running stage's bar: "████░░░░  61%  52k rows/s  ETA 2 s". */
static void draw_progress(struct ui *u, int y, int x, int w, const struct model_stage *g)
{
	const struct dwh_progress *p = &g->p;
	double frac = -1;
	char info[128], rate[32], eta[32] = "";
	int barw, used = 0;

	if (p->bytes_total > 0)
		frac = (double)p->bytes_done / (double)p->bytes_total;
	else if (p->files_total > 0)
		frac = (double)p->files_done / (double)p->files_total;
	if (frac > 1)
		frac = 1;
	print_count(rate, sizeof rate, p->rate);
	if (p->eta >= 0)
		snprintf(eta, sizeof eta, "  ETA %.0f s", ceil(p->eta));
	if (frac >= 0)
		snprintf(info, sizeof info, " %3.0f%%  %s rows/s%s", frac * 100, rate, eta);
	else
		snprintf(info, sizeof info, " %lld row%s  %s rows/s", (long long)p->rows,
			 dwh_plural(p->rows), rate);
	barw = w - model_width(info);
	if (barw > 30)
		barw = 30;
	if (barw >= 4 && frac >= 0) {
		int full = (int)(frac * barw + 0.5);
		for (int i = 0; i < barw; i++)
			used += draw_put(u, y, x + used, 1, 0, i < full ? gl(u)->full : gl(u)->empty,
				    draw_style(u, i < full ? EL_PROGRESS : EL_PROGRESS_EMPTY));
	}
	draw_put(u, y, x + used, w - used, 0, info, draw_style(u, EL_RUNNING));
}

/* After the state word: how long ago it ran, from the run log. */
static void pipeline_age(char *buf, size_t n, const struct model_stage *st)
{
	char age[32];
	size_t len = strlen(buf);

	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
	runlog_age((double)(time(NULL) - st->finished), age, sizeof age);
	snprintf(buf + len, n - len, "  %s ago", age);
}

/* A stage's line where the columns do not fit (80x24): the same parts without their padding,
 * and where even that is too wide the time goes, then the rows, then the age; the state word
 * ("cancelled", "failed") stays whole, and whatever is still cut ends in an ellipsis. */
static void pipeline_compact(char *buf, size_t n, int w, const struct model_stage *st,
			     const char *secs, const char *word, bool utf8)
{
	char rows[48] = "", age[48] = "", ago[32];

	if (st->rows >= 0)
		snprintf(rows, sizeof rows, "%lld row%s", (long long)st->rows, dwh_plural(st->rows));
	if (st->logged && st->state != STAGE_RUNNING) {
		runlog_age((double)(time(NULL) - st->finished), ago, sizeof ago);
		snprintf(age, sizeof age, "%s ago", ago);
	}
	for (int drop = 0; drop < 4; drop++) {
		const char *part[4] = { drop < 2 ? rows : "", drop < 1 ? secs : "", word,
					drop < 3 ? age : "" };
		size_t len = 0;

		buf[0] = '\0';
		for (int i = 0; i < 4; i++) {
			const char *p = part[i];
			while (*p == ' ')
				p++;
			if (*p)
				len += (size_t)snprintf(buf + len, n > len ? n - len : 0, "%s%s",
							len ? "  " : "", p);
		}
		if (model_width(buf) <= w)
			return;
	}
	draw_clip(buf, w, utf8);
}

/* The run log's words for a stage (what it read, wrote and holds, or why it stopped), then its
 * time and age at the right edge. Where the line is short a success's words are cut with an
 * ellipsis (its time and age go only when even a few words would not fit); a failure's words
 * are kept whole first, its time and age going before them. */
static void draw_figures(struct ui *u, int y, int x, int w, const struct model_stage *st,
			 attr_t a)
{
	char words[320], tail[96] = "", t[32];

	if (st->state == STAGE_DONE) {
		fmt_secs(t, sizeof t, st->secs);
		snprintf(tail, sizeof tail, "  %s", t);
	}
	if (st->logged)
		pipeline_age(tail, sizeof tail, st);
	snprintf(words, sizeof words, "%s", st->figs);
	/* a failure's words (where it failed, what staging kept) come before its age */
	int need = st->state == STAGE_DONE ? 16 : model_width(words);

	if (w - model_width(tail) < need && st->logged) {      /* the age alone, then nothing */
		tail[0] = '\0';
		pipeline_age(tail, sizeof tail, st);
	}
	if (w - model_width(tail) < need)
		tail[0] = '\0';
	draw_clip(words, w - model_width(tail), u->utf8);
	draw_put(u, y, x, w, 0, words, a);
	if (tail[0])
		draw_put(u, y, x + w - model_width(tail), model_width(tail), 0, tail, a);
}

static void draw_pipeline(struct ui *u, struct rect r)
{
	static const enum theme_el els[] = { EL_PENDING, EL_RUNNING, EL_DONE, EL_FAILED, EL_CANCELLED };
	static const char *const words[] = { "", "running", "", "failed", "cancelled" };
	struct model *m = &u->m;
	const struct glyphs *g = gl(u);
	int inner = r.w - 4, rows = r.h - 2, first = 0;

	draw_box(u, r, "Pipeline", NULL);
	/* On short screens keep the running stage (or the one the last command ran) in view. */
	for (int i = 0; i < MODEL_STAGES; i++)
		if ((m->stages[i].state == STAGE_RUNNING ||
		     (m->stages[i].epoch == m->epoch && m->epoch && m->stages[i].state != STAGE_PENDING))
		    && i >= rows && i - rows + 1 > first)
			first = i - rows + 1;
	for (int i = first; i < MODEL_STAGES && i - first < rows; i++) {
		const struct model_stage *st = &m->stages[i];
		const char *sym[] = { g->pending, g->running, g->done, g->failed, g->cancelled };
		int y = r.y + 1 + i - first, x = r.x + 2;
		attr_t a = draw_style(u, els[st->state]);
		char buf[320], t[32];

		bool stale = st->logged && st->stale[0] && st->state == STAGE_DONE;

		if (stale)
			a = draw_style(u, EL_FAILED);
		/* the stages the last command ran stand out (a tour's step, a `run`) */
		if (st->state != STAGE_PENDING && st->epoch == m->epoch && m->epoch)
			a |= u->tour ? A_REVERSE : A_BOLD;
		draw_put(u, y, x, 2, 0, stale ? (u->utf8 ? "⚠" : "!") : sym[st->state], a);
		draw_put(u, y, x + 2, 16, 0, st->name, a);
		if (st->state == STAGE_PENDING)
			continue;
		if (st->state == STAGE_RUNNING && st->has_progress && inner > 40) {
			draw_progress(u, y, x + 18, inner - 18, st);
			continue;
		}
		if (stale) {    /* the reason is what matters: it takes the rows' and time's place */
			snprintf(buf, sizeof buf, "stale %s %s", u->utf8 ? "—" : "-", st->stale);
			draw_put(u, y, x + 18, inner - 18, 0, buf, a);
			continue;
		}
		if (st->figs[0] && st->state != STAGE_RUNNING) {
			draw_figures(u, y, x + 18, inner - 18, st, a);
			continue;
		}
		buf[0] = '\0';
		if (st->rows >= 0)
			snprintf(buf, sizeof buf, "%10lld row%-2s ", (long long)st->rows,
				 dwh_plural(st->rows));
		else
			snprintf(buf, sizeof buf, "%15s  ", "");
		fmt_secs(t, sizeof t, st->state == STAGE_RUNNING && st->started > 0
			 ? dwh_now() - st->started : st->secs);
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%9s  %s", t, words[st->state]);
		if (st->logged && st->state != STAGE_RUNNING)
			pipeline_age(buf, sizeof buf, st);
		if (model_width(buf) > inner - 18)
			pipeline_compact(buf, sizeof buf, inner - 18, st, t, words[st->state], u->utf8);
		draw_put(u, y, x + 18, inner - 18, 0, buf, a);
	}
}

/* Rows a log line takes when its text wraps at tw columns. */
static int log_rows(const struct model_log_line *l, int tw)
{
	int w = model_width(l->text);

	return w > 0 ? (w + tw - 1) / tw : 1;
}

static void draw_log(struct ui *u, struct rect r)
{
	static const enum theme_el lv[] = { EL_INFO, EL_INFO, EL_WARN, EL_ERROR };
	struct model *m = &u->m;
	int tx = 10, tw = r.w - tx, last, used = 0, first, skip, row = r.y;  /* " HH:MM:SS " text */

	if (m->log_scroll > m->log_n - 1)
		m->log_scroll = m->log_n > 0 ? m->log_n - 1 : 0;
	if (tw < 1)
		return;
	/* A long line wraps onto rows of its own under its time, so nothing is cut at the pane's
	 * edge (`log` shows the whole log to browse). The newest line ends at the bottom once the
	 * pane is full; the oldest one shown may lose its first rows. */
	last = m->log_n - 1 - m->log_scroll;
	for (first = last; first >= 0 && used < r.h; first--)
		used += log_rows(model_log_at(m, first), tw);
	skip = used > r.h ? used - r.h : 0;
	for (int i = first + 1; i <= last; i++) {
		const struct model_log_line *l = model_log_at(m, i);
		int n = log_rows(l, tw);
		char t[16];
		struct tm tm;

		localtime_r(&l->when, &tm);
		strftime(t, sizeof t, " %H:%M:%S ", &tm);
		for (int k = 0; k < n && row < r.y + r.h; k++) {
			if (skip > 0) {
				skip--;
				continue;
			}
			draw_fill(row, r.x, r.w, draw_style(u, EL_NORMAL));
			if (k == 0)
				draw_put(u, row, r.x, tx, 0, t, draw_style(u, EL_TIME));
			draw_put(u, row, r.x + tx, tw, k * tw, l->text, draw_style(u, lv[l->lvl]));
			row++;
		}
	}
	for (; row < r.y + r.h; row++)
		draw_fill(row, r.x, r.w, draw_style(u, EL_NORMAL));
	if (m->log_scroll > 0) {
		char t[48];
		snprintf(t, sizeof t, " +%d newer ", m->log_scroll);
		draw_put(u, r.y + r.h - 1, r.x + r.w - model_width(t), model_width(t), 0, t,
		    draw_style(u, EL_NOTICE));
	}
}

void draw_screen(struct ui *u)
{
	struct layout *l = &u->lay;

	layout_compute(l, LINES, COLS);
	attrset(draw_style(u, EL_NORMAL));
	erase();
	if (l->too_small) {
		char t[128];
		snprintf(t, sizeof t, "dwh needs %dx%d or more (this is %dx%d)", LAYOUT_MIN_COLS,
			 LAYOUT_MIN_ROWS, COLS, LINES);
		draw_put(u, 0, 0, COLS, 0, t, draw_style(u, EL_NOTICE));
		if (LINES > 1)
			draw_put(u, 1, 0, COLS, 0, "enlarge the window, or quit with Ctrl-D", draw_style(u, EL_NORMAL));
		return;
	}
	model_lock(&u->m);
	/* focus layout and tour card (focus.c, tour_ui.c): the geometry again, with them */
	if (u->layout_mode != LAYOUT_NORMAL || u->tour)
		layout_compute_mode(l, LINES, COLS, u->layout_mode, tour_card_rows(u, COLS));
	draw_bar(u, l->pane[PANE_BAR]);
	if (l->pane[PANE_TABLES].h > 0)
		draw_tables(u, l->pane[PANE_TABLES]);
	if (l->pane[PANE_PIPELINE].h > 0)
		draw_pipeline(u, l->pane[PANE_PIPELINE]);
	if (l->summary.h > 0)
		focus_draw_summary(u, l->summary);
	grid_draw(u, l->pane[PANE_RESULT]);
	if (l->card.h > 0)
		tour_draw(u, l->card);
	draw_log(u, l->pane[PANE_LOG]);
	model_unlock(&u->m);
	if (u->help)
		help_draw(u);
}
