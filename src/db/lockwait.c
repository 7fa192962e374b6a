/* lockwait.c — who holds the lock a statement waits for (see lockwait.h). */
#include "db/lockwait.h"

#include "db/conn.h"

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_LOOK 0.5  /* seconds a statement runs before anyone asks why */
#define EVERY      0.5

void lockwait_begin(struct lockwait *w)
{
	memset(w, 0, sizeof *w);
	w->started = dwh_now();
	w->next = w->started + FIRST_LOOK;
	w->every_next = w->started + 1.0;
}

/* "its query" as one short line: whitespace runs folded, cut at 80 characters. */
static void short_query(const char *q, char *buf, size_t n)
{
	size_t o = 0;
	bool space = false;

	for (; *q && o + 4 < n && o < 80; q++) {
		if (isspace((unsigned char)*q)) {
			space = o > 0;
			continue;
		}
		if (space)
			buf[o++] = ' ';
		space = false;
		buf[o++] = *q;
	}
	if (*q && o + 4 < n)
		buf[o++] = '.', buf[o++] = '.', buf[o++] = '.';
	buf[o] = '\0';
}

/* The first session blocking `pid`, with its query; 0 when none. */
static int blocker_of(PGconn *mon, int pid, char *query, size_t n)
{
	char p[16];
	const char *params[1] = { p };
	PGresult *r;
	int who = 0;

	snprintf(p, sizeof p, "%d", pid);
	/* libpq directly, not db.c: this runs on the watcher's own connection, in the middle of
	 * db.c waiting for the session's, and must never watch itself */
	r = PQexecParams(mon, "SELECT b.pid, coalesce(a.query, '') FROM unnest(pg_blocking_pids($1)) "
			 "AS b(pid) LEFT JOIN pg_stat_activity a ON a.pid = b.pid ORDER BY b.pid LIMIT 1",
			 1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
		who = atoi(PQgetvalue(r, 0, 0));
		short_query(PQgetvalue(r, 0, 1), query, n);
	}
	PQclear(r);
	return who;
}

void lockwait_tick(struct dwh *s, struct lockwait *w)
{
	double now = dwh_now();
	char query[128], why[256];
	int who;

	/* the pid of this very connection, not s->server's: a stage's second connection runs
	 * with a copy of the session */
	int pid = PQbackendPID(s->conn);

	if (w->off || now < w->next || s->server.engine != ENGINE_POSTGRES || pid <= 0)
		return;
	w->next = now + EVERY;
	if (!w->mon) {
		struct dwh_err keep = s->err;

		w->mon = conn_clone(s);
		s->err = keep;
		if (!w->mon) {
			w->off = true;
			return;
		}
	}
	who = blocker_of(w->mon, pid, query, sizeof query);
	if (who == w->blocker)
		return;
	w->blocker = who;
	if (who) {
		snprintf(why, sizeof why, "waiting for a lock held by pid %d (%s)", who,
			 query[0] ? query : "no query");
		dwh_waiting(s, why);
	} else {
		dwh_waiting(s, NULL);
	}
}

bool lockwait_step(struct dwh *s, struct lockwait *w)
{
	struct pollfd pfd = { .fd = PQsocket(s->conn), .events = POLLIN };
	int n;

	if (pfd.fd < 0)
		return false;
	n = poll(&pfd, 1, 250);
	if (n < 0 && errno != EINTR)
		return false;
	if (n > 0 && !PQconsumeInput(s->conn))
		return false;
	if (w->every && dwh_now() >= w->every_next) {
		w->every_next = dwh_now() + 1.0;
		w->every(w->every_ctx);
	}
	lockwait_tick(s, w);
	return true;
}

void lockwait_await(struct dwh *s, struct lockwait *w)
{
	while (PQisBusy(s->conn) && lockwait_step(s, w))
		;
}

void lockwait_end(struct dwh *s, struct lockwait *w)
{
	if (w->blocker)
		dwh_waiting(s, NULL);
	if (w->mon)
		PQfinish(w->mon);
	memset(w, 0, sizeof *w);
}

int lockwait_check_timeout(const char *v, struct dwh_err *e)
{
	size_t digits = v ? strspn(v, "0123456789") : 0;
	const char *unit = v ? v + digits : "";

	if (digits > 0 && digits < 10 &&
	    (!*unit || !strcmp(unit, "ms") || !strcmp(unit, "s") || !strcmp(unit, "min")))
		return 0;
	return err_set(e, "--lock-timeout: expected a duration such as 500ms, 2s or 1min, not %s",
		       v ? v : "nothing");
}
