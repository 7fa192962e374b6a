/* tunnel.h — `--ssh [USER@]HOST[:PORT]` (or SSH_HOST under dwh.cfg's [CLUSTER]): the system's
 * `ssh -N -L` from a free local port to the database's host and port, for the session. */
#ifndef DWH_TUNNEL_H
#define DWH_TUNNEL_H

#include <stdbool.h>
#include <stddef.h>

#include "base/dwh.h"

/* A tunnel through `via` to host:port (as the bastion resolves them), or the session's open
 * one when it leads there already; the local end into lhost/lport. DWH_OK, or DWH_ECONN
 * with s->err holding ssh's own message. */
enum dwh_rc tunnel_open(struct dwh *s, const char *via, const char *host, const char *port,
			char *lhost, size_t nlhost, char *lport, size_t nlport);
/* End the session's tunnel (exit, or a tunnel no longer wanted). */
void tunnel_close(struct dwh *s);
/* "host:port via ssh USER@BASTION (local port N)" for `status`; false when none is open. */
bool tunnel_describe(const struct dwh *s, char *buf, size_t n);
/* The far end as the connection bar shows it ("dbhost (ssh bastion)", port); false when none. */
bool tunnel_target(const struct dwh *s, char *host, size_t nh, char *port, size_t np);

#endif
