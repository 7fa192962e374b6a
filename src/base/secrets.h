/* secrets.h — keeping passwords out of sight beyond what libpq does: a password given on
 * dwh's own command line is overwritten once read, so /proc/PID/cmdline and ps show it only
 * during start-up (as the MySQL client does; psql does not), and a dwh.cfg or .pgpass others
 * can read is warned about. */
#ifndef DWH_SECRETS_H
#define DWH_SECRETS_H

#include "base/dwh.h"

/* Whether a -d value (conninfo or URI) carries a password. */
bool secrets_has_password(const char *dbname);
/* Overwrite, in place, the password inside a conninfo string or URI with 'x's. */
void secrets_scrub(char *dbname);

/* Once per process, through s->out: warn when the dwh.cfg in use holds a DB_PASSWORD and
 * others may read it, or when ~/.pgpass (PGPASSFILE) has group or world access. */
void secrets_check_files(struct dwh *s);

#endif
