/* xact_pair.h — stage pairs of earlier dwh versions committed songs and events by two-phase commit
 * (the commit point was the PREPARE of the second part). `stage` now commits both in one
 * transaction (stage.c: the songs through a shadow table), but a pair an older dwh left
 * half-done is still finished by whoever connects next (pair_recover). */
#ifndef DWH_XACT_PAIR_H
#define DWH_XACT_PAIR_H

#include "base/dwh.h"

/* Finish pairs whose dwh died mid-commit (no backend with the owner's pid is left): commit
 * both when the second part was prepared, else roll the first back. Failures only warn. */
void pair_recover(struct dwh *s);
/* Have pair_recover run on every new connection of session s (an on-connect hook, conn.h):
 * called once at start-up, so db never calls up into etl. */
void pair_install(struct dwh *s);

#endif
