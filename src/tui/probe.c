/* probe.c — watching the server for the status bar: a thread with its own connection (never
 * the session's, which the worker may be using) measures the round trip every two seconds,
 * so a lost server shows within seconds even while nothing runs. */
#include <poll.h>
#include <string.h>

#include "db/conn.h"
#include "tui/ui.h"

#define PROBE_EVERY_MS 2000

static void report_lost(struct ui *u, const char *why)
{
	model_lock(&u->m);
	if (u->m.cs != CS_LOST) {
		u->m.cs = CS_LOST;
		snprintf(u->m.cs_reason, sizeof u->m.cs_reason, "%.*s", (int)strcspn(why, "\n"), why);
		model_changed(&u->m);
	}
	model_unlock(&u->m);
}

static void probe_once(struct ui *u)
{
	PGconn *c = u->pr.conn;
	double t0;
	PGresult *r;

	if (PQstatus(c) != CONNECTION_OK) {
		PQreset(c);     /* quietly: the session itself reconnects on `reconnect` */
		return;
	}
	t0 = dwh_now();
	/* libpq directly, not db.c: this is the probe's own connection on its own thread, and
	 * db.c's statements are the session's (its lock watcher, its errors, its cancel) */
	r = PQexec(c, "SELECT 1");
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		/* Our own connection may only be stale: a server that crashed and came back
		 * before we looked. Lost is what a fresh connection cannot undo. */
		PQclear(r);
		PQreset(c);
		t0 = dwh_now();
		r = PQexec(c, "SELECT 1");
	}
	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		model_lock(&u->m);
		u->m.latency_ms = (dwh_now() - t0) * 1000.0;
		model_changed(&u->m);
		model_unlock(&u->m);
	} else {
		report_lost(u, PQerrorMessage(c)[0] ? PQerrorMessage(c) : "no answer from the server");
	}
	PQclear(r);
}

static void *probe_main(void *arg)
{
	struct ui *u = arg;

	while (!u->pr.stop) {
		probe_once(u);
		for (int i = 0; i < PROBE_EVERY_MS / 100 && !u->pr.stop; i++)
			poll(NULL, 0, 100);
	}
	u->pr.exited = 1;
	return NULL;
}

void probe_start(struct ui *u)
{
	if (u->pr.running || !u->s->conn || PQstatus(u->s->conn) != CONNECTION_OK)
		return;
	/* Cloned on the drawing thread while the worker is idle: conn_clone reads the session. */
	u->pr.conn = conn_clone(u->s);
	if (!u->pr.conn)
		return;
	u->pr.stop = 0;
	u->pr.exited = 0;
	if (pthread_create(&u->pr.th, NULL, probe_main, u) != 0) {
		PQfinish(u->pr.conn);
		u->pr.conn = NULL;
		return;
	}
	u->pr.running = true;
}

void probe_stop(struct ui *u)
{
	if (!u->pr.running)
		return;
	u->pr.stop = 1;
	/* A reconnect attempt to a dead server may take long: leaving must not wait for it. */
	for (int i = 0; i < 20 && !u->pr.exited; i++)
		poll(NULL, 0, 50);
	if (!u->pr.exited) {
		pthread_detach(u->pr.th);
		u->pr.running = false;
		return;
	}
	pthread_join(u->pr.th, NULL);
	PQfinish(u->pr.conn);
	u->pr.conn = NULL;
	u->pr.running = false;
}
