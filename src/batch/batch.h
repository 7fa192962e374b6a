/* batch.h — dwh run by a script rather than a person: -c commands, -f files and stdin that is
 * not a terminal. Results and messages go to stdout, errors to stderr (CSV with --csv). The
 * plain prompt (src/tui/plain.c) prints through this same output. */
#ifndef DWH_BATCH_H
#define DWH_BATCH_H

#include "base/dwh.h"

/* Install batch output in s->out and the hooks batch mode has (chart, export, \i's script). */
void batch_install_out(struct dwh *s);
/* Run -c commands in order; the first failure stops. Returns the exit code. */
enum dwh_rc batch_commands(struct dwh *s, int n, char **cmds);
/* Run a script (path "-" is stdin). Returns the exit code. */
enum dwh_rc batch_script(struct dwh *s, const char *path);

#endif
