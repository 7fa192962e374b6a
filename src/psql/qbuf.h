/* qbuf.h — psql's query buffer: the SQL typed so far that no ';' has ended yet, and the last
 * SQL sent. Every front end collects lines here, and the meta-commands that work on "the
 * current or last statement" (\p \r \g \e \watch) read it. Safe from any thread (the console
 * collects on its drawing thread while a command runs on the worker). */
#ifndef DWH_QBUF_H
#define DWH_QBUF_H

#include <stdbool.h>

#include "base/dwh.h"

/* Add a line (a newline joins it to what is there). */
void qbuf_append(struct dwh *s, const char *line);
/* When the buffer holds complete statements, take them (a malloc'd string, up to the last ';'
 * that ends one) and keep the rest pending; NULL otherwise. */
char *qbuf_take(struct dwh *s);
/* The pending text (malloc'd copy, NULL when empty), its state as sqlscan_state tells it. */
char *qbuf_get(struct dwh *s);
char qbuf_state(struct dwh *s);
bool qbuf_pending(struct dwh *s);
/* Replace (text NULL: clear) the pending text. */
void qbuf_set(struct dwh *s, const char *text);
void qbuf_reset(struct dwh *s);
/* The last SQL sent to the server (malloc'd copy or NULL), and recording it. */
char *qbuf_last(struct dwh *s);
void qbuf_set_last(struct dwh *s, const char *text);

#endif
