/* lanes.h — a range of loads on two connections at once: the loads that read what another
 * of them writes keep their order on one lane, the rest run beside them on a second
 * connection, each load still its own transaction with its own run log row. */
#ifndef DWH_LANES_H
#define DWH_LANES_H
#include "base/dwh.h"

/* Run the loads pipe_stages[from, to) on two lanes, the pipeline lock held: true when it ran
 * them (*rc their outcome, *ran how many succeeded), false when the caller should run them
 * one by one (not PostgreSQL, inside a transaction, a single lane, no second connection). A
 * failure in either lane starts no further load in either; the ones running finish. */
bool lanes_run(struct dwh *s, int from, int to, int flags, enum dwh_rc *rc, int *ran);
#endif
