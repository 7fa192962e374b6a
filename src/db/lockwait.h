/* lockwait.h — saying why a statement is not moving: while one waits for a lock, a second
 * connection asks the server who holds it (pg_blocking_pids) and the front end is told
 * "waiting for a lock held by pid N (its query)" within a second. PostgreSQL only; used by
 * db.c and stream.c around every statement, so stages, loads and the user's SQL all get it. */
#ifndef DWH_LOCKWAIT_H
#define DWH_LOCKWAIT_H

#include "base/dwh.h"

struct lockwait {
	double started, next;   /* dwh_now() of the statement's start, of the next look */
	PGconn *mon;            /* the second connection, opened on the first look */
	int blocker;            /* the pid reported, 0 while not waiting */
	bool off;               /* no second connection could be made: stop looking */
	/* Called about once a second while the statement waits, when set after lockwait_begin
	 * (a Redshift COPY's progress, polled from its own connection). */
	void (*every)(void *ctx);
	void *every_ctx;
	double every_next;
};

void lockwait_begin(struct lockwait *w);
/* Called while the statement runs (every ~0.25 s): looks at most twice a second, after the
 * statement has run for half a second, and reports changes through dwh_waiting(). */
void lockwait_tick(struct dwh *s, struct lockwait *w);
/* Wait up to a quarter second for the server, read what came, and look (lockwait_tick).
 * false when the connection failed: the next PQgetResult or PQgetCopyData reports it. */
bool lockwait_step(struct dwh *s, struct lockwait *w);
/* lockwait_step until a result is ready (PQgetResult would not block). */
void lockwait_await(struct dwh *s, struct lockwait *w);
/* The statement ended: clears a reported wait and closes the second connection. */
void lockwait_end(struct dwh *s, struct lockwait *w);

/* --lock-timeout's value ("500ms", "2s", "1min" or plain milliseconds) is one PostgreSQL
 * accepts: 0, or -1 with e set. */
int lockwait_check_timeout(const char *v, struct dwh_err *e);

#endif
