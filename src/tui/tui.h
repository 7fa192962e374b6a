/* tui.h — the front ends a person types at: the curses console and the plain readline prompt
 * (--plain). Each installs its own s->out and s->hooks and runs commands through
 * cmd_dispatch(). The rest of src/tui is private to it (ui.h). */
#ifndef DWH_TUI_H
#define DWH_TUI_H

#include "base/dwh.h"

/* The console (ncurses) and the plain readline prompt. Return the exit code. */
enum dwh_rc tui_run(struct dwh *s);
enum dwh_rc plain_run(struct dwh *s);

#endif
