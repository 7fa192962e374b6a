/* local.h — the private PostgreSQL dwh runs for itself: initdb on first use in a state
 * directory, a Unix socket only, started on demand and left running. As root, the server runs
 * as an unprivileged account (postgres, else nobody). */
#ifndef DWH_LOCAL_H
#define DWH_LOCAL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

#define LOCAL_DB   "dwh"
#define LOCAL_USER "dwh"

/* The state directory: --local-dir, else $XDG_STATE_HOME/dwh/pg, else ~/.local/state/dwh/pg
 * (root without XDG_STATE_HOME: /var/lib/dwh/pg, which the server account can reach). */
int local_dir(const char *opt, char *buf, size_t n, struct dwh_err *e);
/* Create (initdb) and start the server if needed; on return it accepts connections. */
int local_ensure(const char *dir, struct dwh_err *e);
/* Whether the server in dir is running (pid > 0 filled) or not. */
bool local_running(const char *dir, long *pid);
int local_stop(const char *dir, struct dwh_err *e);
/* The conninfo for the server in dir. */
void local_conninfo(const char *dir, char *buf, size_t n);

#endif
