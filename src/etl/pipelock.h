/* pipelock.h — one pipeline at a time: a stage or load holds a warehouse-wide lock (an advisory
 * lock on PostgreSQL; on Redshift a LOCK on the dwh_lock table inside each stage's and load's transaction),
 * and a second dwh that tries is told who holds it and since when, and fails at once instead of
 * waiting behind it. Queries and counts never take it, so they never wait for it. */
#ifndef DWH_PIPELOCK_H
#define DWH_PIPELOCK_H

#include "base/dwh.h"

/* Take the lock for `what` ("stage events"), or note that this process already holds it (the
 * stages of a `run` nest). DWH_OK, or DWH_FAIL with s->err = "WHAT: the pipeline is busy —
 * load songplays by dwh pid 4711 on host h, started 12:01:33". */
enum dwh_rc pipe_lock(struct dwh *s, const char *what);
/* Undo one pipe_lock; the last one releases it. Keeps s->err. */
void pipe_unlock(struct dwh *s);

#endif
