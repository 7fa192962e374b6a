/* worker.c — commands run on a thread of their own so the screen keeps drawing and the
 * keyboard keeps working; one at a time: a line typed while one runs waits its turn (psql's
 * type-ahead), and Ctrl-C drops the waiting lines with the one it cancels. Ctrl-C sends a
 * PQcancel from the drawing thread. */
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd/cmd.h"
#include "db/db.h"
#include "etl/runlog.h"
#include "etl/tables.h"
#include "tui/ui.h"

static void finish_state(struct ui *u, enum dwh_rc rc)
{
	struct dwh *s = u->s;
	bool ok = s->conn && PQstatus(s->conn) == CONNECTION_OK;

	model_lock(&u->m);
	u->m.xact = ok ? (int)PQtransactionStatus(s->conn) : PQTRANS_IDLE;
	if (ok) {
		u->m.server = s->server;
		u->m.server_known = true;
		u->m.cs = CS_READY;
		u->m.cs_reason[0] = '\0';
	} else if (rc == DWH_ECONN || s->conn) {
		u->m.cs = s->conn ? CS_LOST : CS_FAILED;
		snprintf(u->m.cs_reason, sizeof u->m.cs_reason, "%.*s",
			 (int)strcspn(s->err.msg, "\n"), s->err.msg);
	} else {
		u->m.cs = u->m.server_known ? CS_LOST : CS_CONNECTING;
	}
	model_changed(&u->m);
	model_unlock(&u->m);
}

/* Whether a command may have changed the warehouse tables: it reported a stage, or it is SQL
 * other than a query. Then the Tables pane is counted afresh. */
static bool may_change_tables(struct ui *u, unsigned long stages_before)
{
	const char *t = u->w.text;
	static const char *const readonly[] = { "select", "with", "explain", "show", "table", NULL };

	/* the commands that write tables without a stage to report it (create, drop, copy,
	 * a script); a stage that failed before it began reports nothing either */
	static const char *const writers[] = { "create", "drop", "stage", "load", "run", "step",
					      "copy", "\\copy", "gen", "tour", "\\i", "\\g",
					      "errors", NULL };

	if (u->m.stage_events != stages_before)
		return true;
	if (!t[0])
		return false;
	if (cmd_is_command(t)) {
		size_t n = strcspn(t, " \t\n");

		for (int i = 0; writers[i]; i++)
			if (n == strlen(writers[i]) && !strncasecmp(t, writers[i], n))
				return true;
		return false;
	}
	while (*t == ' ' || *t == '\n' || *t == '\t' || *t == '(')
		t++;
	for (int i = 0; readonly[i]; i++)
		if (!strncasecmp(t, readonly[i], strlen(readonly[i])))
			return false;
	return true;
}

/* Whether the line runs pipeline stages: its failure is the answer the Result pane shows. */
static bool builds(const char *t)
{
	static const char *const words[] = { "run", "step", "stage", "load", "create", NULL };
	size_t n = strcspn(t, " \t\n");

	for (int i = 0; words[i]; i++)
		if (n == strlen(words[i]) && !strncasecmp(t, words[i], n))
			return true;
	return false;
}

/* The pipeline pane shows what the warehouse's run log says, at start and after every
 * command, whoever ran the stages. */
static void read_runs(struct ui *u)
{
	struct run_last last[PIPE_NSTAGES];
	struct dwh_err keep = u->s->err;

	if (runlog_read(u->s, last) == 0)
		model_set_runs(&u->m, last, PIPE_NSTAGES);
	u->s->err = keep;
}

static void *run(void *arg)
{
	struct ui *u = arg;
	struct dwh *s = u->s;
	enum dwh_rc rc;

	unsigned long stages_before = u->m.stage_events;

	s->interrupted = 0;
	err_clear(&s->err);
	if (u->w.text[0]) {
		model_capture_begin(&u->m);
		rc = cmd_dispatch(s, u->w.text);
		if (rc != DWH_OK && s->err.msg[0] && builds(u->w.text))
			model_error_result(&u->m, u->w.text, s->err.msg, s->err.sqlstate);
		/* More than the log shows at once goes to the Result pane too; during a tour every
		 * answer does (the log is one line then, and the step's output is the lesson). */
		model_lock(&u->m);
		int min_lines = u->tour ? 0 : 3;
		model_unlock(&u->m);
		model_capture_end(&u->m, u->w.text, min_lines);
	} else {                /* the console's first job: connect, then count the tables */
		if ((rc = db_ensure(s)) != DWH_OK)
			dwh_msg(s, LOG_ERROR, "%s", s->err.msg);
		else
			rc = counts_refresh(s, NULL);
	}
	u->w.answered = 1;
	if (s->interrupted) {
		/* The engine may report a cancelled stage as failed: it was the user's doing. */
		model_mark_cancelled(&u->m);
		model_log(&u->m, LOG_WARN, "cancelled (%.1f s)", dwh_now() - u->w.started);
	}
	bool idle = s->conn && PQstatus(s->conn) == CONNECTION_OK &&
		    PQtransactionStatus(s->conn) == PQTRANS_IDLE;
	bool changed = u->w.text[0] && may_change_tables(u, stages_before);
	if (idle && changed && !s->interrupted)
		counts_refresh(s, NULL);
	/* what may have changed the pipeline's state: a stage, a write, or the first connection
	 * (a crash empties staging before dwh starts, not while a query runs) */
	if (idle && (changed || !u->w.runs_known)) {
		read_runs(u);
		u->w.runs_known = true;
	}
	/* Table and column names for completion: asked now, while the connection is ours, on
	 * the first connection and whenever tables may have come or gone. */
	if (idle && (changed || !u->w.catalog_known)) {
		complete_refresh_catalog(s);
		u->w.catalog_known = true;
	}
	finish_state(u, rc);
	u->w.rc = rc;
	u->w.done = 1;
	model_lock(&u->m);
	model_changed(&u->m);
	model_unlock(&u->m);
	return NULL;
}

bool worker_busy(struct ui *u)
{
	return u->w.running;
}

/* A cancelled or answered command is only finishing up (its ROLLBACK, the table counts, the
 * run log) and the worker may be done but not yet joined: the line typed next waits for it,
 * up to two seconds, rather than being refused as busy while its answer is on the screen. */
static void settle(struct ui *u)
{
	for (int i = 0; i < 40 && u->w.running && !u->w.done; i++)
		poll(NULL, 0, 50);
	if (worker_reap(u)) {
		prompt_refresh(u);
		probe_start(u);
	}
}

bool worker_start(struct ui *u, const char *text)
{
	struct worker *w = &u->w;

	if (w->running && (u->s->interrupted || w->answered || w->done))
		settle(u);
	if (w->running && text[0] && w->nqueued < WORKER_QUEUE) {
		/* typed ahead (a newcomer's first line before the connection is up included): it
		 * waits its turn, as psql reads what was typed while a query ran */
		if (!(w->queue[w->nqueued] = strdup(text)))
			return false;
		w->nqueued++;
		if (!w->text[0])
			model_log(&u->m, LOG_INFO, "connecting: `%s` runs once connected", text);
		else
			model_log(&u->m, LOG_INFO, "queued: `%s` runs after `%s`%s", text, w->text,
				  w->nqueued > 1 ? " and the lines queued before it" : "");
		return true;
	}
	if (w->running) {
		model_log(&u->m, LOG_ERROR, "busy: `%s` is still running and %d lines wait; not run "
			  "(Ctrl-C cancels it, Up brings your line back)",
			  w->text[0] ? w->text : "connecting", w->nqueued);
		return false;
	}
	free(w->text);
	w->text = strdup(text);
	w->done = 0;
	w->answered = 0;
	w->started = dwh_now();
	/* Our own cancel handle, made while the connection is idle: the engine's may be freed
	 * under us. If the command connects afresh, s->cancel is used instead. */
	if (w->cancel)
		PQfreeCancel(w->cancel);
	w->cancel = u->s->conn && PQstatus(u->s->conn) == CONNECTION_OK ? PQgetCancel(u->s->conn) : NULL;
	model_set_conn(&u->m, u->m.server_known ? CS_BUSY : CS_CONNECTING, NULL);
	model_lock(&u->m);
	u->m.busy_since = w->started;
	u->m.expanded = u->s->expanded; /* \x: results open as records (the worker is idle) */
	u->m.pset = u->s->pset;
	model_unlock(&u->m);
	if (pthread_create(&w->th, NULL, run, u) != 0) {
		model_log(&u->m, LOG_ERROR, "cannot start a thread for the command");
		return false;
	}
	w->running = true;
	return true;
}

void worker_cancel(struct ui *u)
{
	char errbuf[256];
	PGcancel *c;

	if (!u->w.running)
		return;
	u->s->interrupted = 1;
	if (u->w.nqueued)
		model_log(&u->m, LOG_WARN, "cancel requested; the %d line%s typed after it dropped "
			  "(Up brings them back)", u->w.nqueued, u->w.nqueued == 1 ? "" : "s");
	else
		model_log(&u->m, LOG_WARN, "cancel requested");
	worker_drop_queue(u);
	/* The session's handles follow reconnects and reach a stage pair's second connection;
	 * ours is the fallback when the session has none. */
	if (u->s->cancel) {
		if (!db_cancel(u->s))
			model_log(&u->m, LOG_WARN, "cancel request failed");
	} else if ((c = u->w.cancel) && !PQcancel(c, errbuf, sizeof errbuf)) {
		model_log(&u->m, LOG_WARN, "cancel request failed: %s", errbuf);
	}
}

bool worker_reap(struct ui *u)
{
	if (!u->w.running || !u->w.done)
		return false;
	pthread_join(u->w.th, NULL);
	u->w.running = false;
	if (u->w.cancel)
		PQfreeCancel(u->w.cancel);
	u->w.cancel = NULL;
	if (u->w.nqueued) {
		char *q = u->w.queue[0];

		memmove(u->w.queue, u->w.queue + 1, --u->w.nqueued * sizeof *u->w.queue);
		worker_start(u, q);
		free(q);
	}
	return true;
}

void worker_drop_queue(struct ui *u)
{
	while (u->w.nqueued > 0)
		free(u->w.queue[--u->w.nqueued]);
}
