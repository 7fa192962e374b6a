/* xact_pair.h — committing two transactions on two connections as one (`stage` loads songs
 * and events at once). Two-phase commit where the server allows it; the commit point is the
 * PREPARE of the second transaction, so a pair left half-done by a crash is finished the same
 * way by whoever connects next (pair_recover). Owned by the stage commit protocol. */
#ifndef DWH_XACT_PAIR_H
#define DWH_XACT_PAIR_H

#include "base/dwh.h"

/* Whether the server can prepare transactions (max_prepared_transactions > 0). When it
 * cannot, the caller runs both parts in one transaction on one connection instead. */
bool pair_supported(struct dwh *s);

/* Commit the open transactions of a and b, both or neither: PREPARE a, PREPARE b (the commit
 * point), COMMIT PREPARED both. On failure before the commit point both are rolled back and
 * *failed says whose step failed (1 = a, 2 = b), with that side's s->err. Returns an enum
 * dwh_rc. Anything to be written with the pair (a run-log row) goes in before this call. */
enum dwh_rc pair_commit(struct dwh *a, struct dwh *b, int *failed);

/* Finish pairs whose dwh died mid-commit (no backend with the owner's pid is left): commit
 * both when the second part was prepared, else roll the first back. Failures only warn. */
void pair_recover(struct dwh *s);
/* Have pair_recover run on every new connection of session s (an on-connect hook, conn.h):
 * called once at start-up, so db never calls up into etl. */
void pair_install(struct dwh *s);

#endif
