/* model.c — the console's state and the engine callbacks that fill it. The callbacks run on
 * the worker thread: they copy what they are given (a PGresult lives only during the call),
 * change the model under its mutex and write a byte to the wake pipe. */
#include "tui/model.h"

#include "view/print.h"
#include "base/textesc.h"

#include "etl/runlog.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static const char *const stage_names[MODEL_STAGES] = {
	"create", "stage songs", "stage events", "load songplays", "load users", "load songs",
	"load artists", "load time",
};

static const char *const table_names[MODEL_TABLES] = {
	"staging_events", "staging_songs", "songplays", "users", "songs", "artists", "time",
	"load_errors",
};

int model_init(struct model *m)
{
	memset(m, 0, sizeof *m);
	if (pthread_mutex_init(&m->mu, NULL) != 0 || pipe(m->wake_fd) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(m->wake_fd[i], F_SETFL, fcntl(m->wake_fd[i], F_GETFL) | O_NONBLOCK);
		fcntl(m->wake_fd[i], F_SETFD, FD_CLOEXEC);
	}
	m->latency_ms = -1;
	m->cur = -1;
	m->freeze = 1;
	for (int i = 0; i < MODEL_TABLES; i++) {
		m->table_names[i] = table_names[i];
		m->table_rows[i] = -2;
	}
	for (int i = 0; i < MODEL_STAGES; i++) {
		m->stages[i].name = stage_names[i];
		m->stages[i].rows = -1;
	}
	return 0;
}

static void cap_clear(struct model *m);

void model_destroy(struct model *m)
{
	for (int i = 0; i < m->nhist; i++)
		model_result_free(m->hist[i]);
	cap_clear(m);
	free(m->cap);
	for (int i = 0; i < m->log_n; i++)
		free(m->log[(m->log_start + i) % MODEL_LOG].text);
	close(m->wake_fd[0]);
	close(m->wake_fd[1]);
	pthread_mutex_destroy(&m->mu);
}

void model_lock(struct model *m)
{
	pthread_mutex_lock(&m->mu);
}

void model_unlock(struct model *m)
{
	pthread_mutex_unlock(&m->mu);
}

void model_changed(struct model *m)
{
	char c = 1;

	m->version++;
	/* A full pipe already means "wake up"; nothing is lost. */
	if (write(m->wake_fd[1], &c, 1) < 0)
		return;
}

void model_drain_wake(struct model *m)
{
	char buf[256];

	while (read(m->wake_fd[0], buf, sizeof buf) > 0)
		;
}

int model_stage_index(const struct model *m, const char *name)
{
	for (int i = 0; i < MODEL_STAGES; i++)
		if (name && !strcmp(m->stages[i].name, name))
			return i;
	return -1;
}

int model_table_index(const struct model *m, const char *name)
{
	for (int i = 0; i < MODEL_TABLES; i++)
		if (name && !strcmp(m->table_names[i], name))
			return i;
	return -1;
}

void model_reset_stages(struct model *m)
{
	for (int i = 0; i < MODEL_STAGES; i++) {
		m->stages[i].state = STAGE_PENDING;
		m->stages[i].rows = -1;
		m->stages[i].secs = 0;
		m->stages[i].has_progress = false;
		m->stages[i].logged = false;
		m->stages[i].stale[0] = '\0';
		m->stages[i].figs[0] = '\0';
	}
}

const struct model_log_line *model_log_at(const struct model *m, int i)
{
	return &m->log[(m->log_start + i) % MODEL_LOG];
}

/* Lock held. Multi-line text becomes several log lines. */
static void log_add(struct model *m, enum dwh_level lvl, const char *text)
{
	time_t now = time(NULL);

	do {
		size_t len = strcspn(text, "\n");
		struct model_log_line *l;

		if (m->log_n == MODEL_LOG) {
			free(m->log[m->log_start].text);
			m->log_start = (m->log_start + 1) % MODEL_LOG;
			m->log_n--;
		}
		l = &m->log[(m->log_start + m->log_n) % MODEL_LOG];
		l->when = now;
		l->lvl = lvl;
		l->text = strndup(text, len);
		m->log_n++;
		if (m->log_scroll > 0)  /* keep the reader's place while scrolled back */
			m->log_scroll++;
		text += len;
	} while (*text && *++text);
}

void model_log(struct model *m, enum dwh_level lvl, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	model_lock(m);
	log_add(m, lvl, buf);
	model_changed(m);
	model_unlock(m);
}

void model_set_conn(struct model *m, enum conn_state cs, const char *reason)
{
	model_lock(m);
	m->cs = cs;
	snprintf(m->cs_reason, sizeof m->cs_reason, "%s", reason ? reason : "");
	model_changed(m);
	model_unlock(m);
}

/* UTF-8 decoding by hand: the width must not depend on the process locale. */
static int utf8_next(const char *s, unsigned *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int n = u[0] < 0x80 ? 1 : (u[0] >> 5) == 6 ? 2 : (u[0] >> 4) == 14 ? 3 : (u[0] >> 3) == 30 ? 4 : 0;

	if (n == 0) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = n == 1 ? u[0] : u[0] & (0x7F >> n);
	for (int i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		*cp = (*cp << 6) | (u[i] & 0x3F);
	}
	return n;
}

static int cp_width(unsigned cp)
{
	int w;

	if (cp < 0x20 || cp == 0x7F)
		return 1;       /* drawn as a placeholder */
	if (cp < 0x7F)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* The C locale knows no widths: the common wide ranges (CJK, Hangul, emoji). */
	if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
	    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
	    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD))
		return 2;
	if ((cp >= 0x300 && cp <= 0x36F) || cp == 0x200B)
		return 0;
	return 1;
}

int model_width(const char *text)
{
	/* as drawn: control characters and broken UTF-8 escaped (textesc.h) */
	char *esc = textesc_needed(text, 0) ? textesc_dup(text, 0) : NULL;
	const char *s = esc ? esc : text;
	int w = 0;

	while (*s) {
		unsigned cp;
		s += utf8_next(s, &cp);
		w += cp_width(cp);
	}
	free(esc);
	return w;
}

static void cap_clear(struct model *m)
{
	for (int i = 0; i < m->ncap; i++)
		free(m->cap[i]);
	m->ncap = 0;
}

/* Lock held. */
static void cap_add(struct model *m, const char *text)
{
	do {
		size_t len = strcspn(text, "\n");
		if (m->ncap == m->capmax) {
			int nmax = m->capmax ? m->capmax * 2 : 64;
			char **n = realloc(m->cap, (size_t)nmax * sizeof *n);
			if (!n || nmax > MODEL_RESULT_MAX)
				return;
			m->cap = n;
			m->capmax = nmax;
		}
		m->cap[m->ncap++] = strndup(text, len);
		text += len;
	} while (*text && *++text);
}

void model_capture_begin(struct model *m)
{
	model_lock(m);
	cap_clear(m);
	m->epoch++;
	m->capturing = true;
	m->cap_result = false;
	model_unlock(m);
}

void model_capture_end(struct model *m, const char *title, int min_lines)
{
	model_lock(m);
	m->capturing = false;
	if (!m->cap_result && m->ncap > min_lines) {
		struct model_result *r = model_text_result(RES_TEXT, title, NULL, m->cap, m->ncap);
		if (r) {
			m->cap = NULL;
			m->ncap = m->capmax = 0;
			model_add_result(m, r);
		}
	}
	cap_clear(m);
	model_unlock(m);
}

static enum stage_state logged_state(const char *status)
{
	return !strcmp(status, "done") ? STAGE_DONE : !strcmp(status, "failed") ? STAGE_FAILED
	       : STAGE_CANCELLED;
}

void model_set_runs(struct model *m, const struct run_last *last, int n)
{
	time_t now = time(NULL);

	model_lock(m);
	for (int i = 0; i < n && i < MODEL_STAGES; i++) {
		struct model_stage *g = &m->stages[i];
		const struct run_last *l = &last[i];

		g->logged = l->have;
		if (!l->have || g->state == STAGE_RUNNING)
			continue;
		g->state = logged_state(l->status);
		g->rows = l->rows;
		g->secs = l->secs;
		g->finished = now - (time_t)l->ago;
		snprintf(g->stale, sizeof g->stale, "%s", l->stale);
		runlog_figures(&pipe_stages[i], l, g->figs, sizeof g->figs);
	}
	model_changed(m);
	model_unlock(m);
}

void model_mark_cancelled(struct model *m)
{
	model_lock(m);
	for (int i = 0; i < MODEL_STAGES; i++) {
		struct model_stage *g = &m->stages[i];
		if (g->epoch == m->epoch && (g->state == STAGE_RUNNING || g->state == STAGE_FAILED)) {
			if (g->state == STAGE_RUNNING && g->started > 0)
				g->secs = dwh_now() - g->started;
			g->state = STAGE_CANCELLED;
		}
	}
	model_changed(m);
	model_unlock(m);
}

/* ---- the engine's callbacks ---- */

static void out_msg(void *ctx, enum dwh_level lvl, const char *text)
{
	struct model *m = ctx;

	model_lock(m);
	if (m->capturing && lvl == LOG_INFO)
		cap_add(m, text);
	log_add(m, lvl, text);
	model_changed(m);
	model_unlock(m);
}

/* A wait shows in the status bar ("busy: waiting for a lock held by pid N (...)") for as
 * long as it lasts, and once in the log. */
static void out_waiting(void *ctx, const char *why)
{
	struct model *m = ctx;

	model_lock(m);
	snprintf(m->cs_reason, sizeof m->cs_reason, "%s", why ? why : "");
	if (why)
		log_add(m, LOG_WARN, why);
	model_changed(m);
	model_unlock(m);
}

static void out_result(void *ctx, const PGresult *res, const char *title, double ms)
{
	model_out_result(ctx, res, title, ms);
}

static void out_answer(void *ctx, const PGresult *res, const char *sql, double ms)
{
	model_out_answer(ctx, res, sql, ms);
}

static void out_text(void *ctx, const char *title, const char *text)
{
	model_out_text(ctx, title, text);
}

static void out_rows(void *ctx, enum dwh_rows_phase ph, const struct dwh_rows *r)
{
	model_out_rows(ctx, ph, r);
}

static void out_stage(void *ctx, const char *stage, enum stage_state st, int64_t rows, double secs)
{
	struct model *m = ctx;
	int i;

	model_lock(m);
	m->stage_events++;
	i = model_stage_index(m, stage);
	/* The other stages keep their marks while one runs: what the warehouse holds from
	 * their last runs has not changed. */
	m->stage_epoch = m->epoch;
	if (i >= 0) {
		struct model_stage *g = &m->stages[i];
		g->state = st;
		g->epoch = m->epoch;
		if (rows >= 0 || st == STAGE_RUNNING)
			g->rows = rows;
		g->secs = secs;
		if (st == STAGE_RUNNING) {
			g->figs[0] = '\0';
			g->stale[0] = '\0';
			g->started = dwh_now();
			g->has_progress = false;
			memset(&g->p, 0, sizeof g->p);
		}
	}
	model_changed(m);
	model_unlock(m);
}

/* A run is over and logged: the pane says what it did in the run log's words. */
static void out_ran(void *ctx, const char *stage, enum stage_state st, const char *figures)
{
	struct model *m = ctx;
	int i;

	model_lock(m);
	if ((i = model_stage_index(m, stage)) >= 0) {
		struct model_stage *g = &m->stages[i];

		g->state = st;
		g->epoch = m->epoch;
		g->logged = true;
		g->finished = time(NULL);
		g->stale[0] = '\0';
		snprintf(g->figs, sizeof g->figs, "%s", figures);
	}
	model_changed(m);
	model_unlock(m);
}

static void out_progress(void *ctx, const struct dwh_progress *p)
{
	struct model *m = ctx;
	int i;

	model_lock(m);
	if ((i = model_stage_index(m, p->stage)) >= 0) {
		struct model_stage *g = &m->stages[i];
		g->p = *p;
		g->p.stage = NULL;      /* the producer's string dies with the call */
		g->has_progress = true;
		if (g->state == STAGE_PENDING)
			g->state = STAGE_RUNNING;
		g->rows = p->rows;
		g->secs = p->elapsed;
	} else if (p->stage) {
		/* copy, export: no pipeline stage of their own; the bar shows how far they are */
		char rows[16], rate[16], pct[16] = "";
		print_count(rows, sizeof rows, (double)p->rows);
		print_count(rate, sizeof rate, p->rate);
		if (p->bytes_total > 0)
			snprintf(pct, sizeof pct, " %.0f%%", 100.0 * (double)p->bytes_done / (double)p->bytes_total);
		snprintf(m->side_progress, sizeof m->side_progress, "%s%s %s rows %s rows/s", p->stage,
			 pct, rows, rate);
		m->side_epoch = m->epoch;
	}
	model_changed(m);
	model_unlock(m);
}

static void out_counts(void *ctx, const char *const *names, const int64_t *rows, int n)
{
	struct model *m = ctx;

	model_lock(m);
	for (int k = 0; k < n; k++) {
		int i = model_table_index(m, names[k]);
		if (i < 0)
			continue;
		int64_t now = rows[k] < 0 ? -1 : rows[k], was = m->table_rows[i];
		/* the change the running command made, for "+6820" in the Tables pane */
		if (m->table_delta_epoch[i] != m->epoch) {
			m->table_delta[i] = 0;
			m->table_delta_epoch[i] = m->epoch;
		}
		if (was != -2 && now != was)
			m->table_delta[i] += (now < 0 ? 0 : now) - (was < 0 ? 0 : was);
		m->table_rows[i] = now;
	}
	model_changed(m);
	model_unlock(m);
}

void model_install_out(struct model *m, struct dwh_out *out)
{
	out->ctx = m;
	out->msg = out_msg;
	out->result = out_result;
	out->answer = out_answer;
	out->rows = out_rows;
	out->stage = out_stage;
	out->ran = out_ran;
	out->progress = out_progress;
	out->counts = out_counts;
	out->waiting = out_waiting;
	out->text = out_text;
}
