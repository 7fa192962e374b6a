/* editor.h — psql's \e: text edited in the user's editor ($VISUAL, else $EDITOR, else vi) on a
 * private temporary file. The terminal belongs to the front end, so the program is started
 * through s->hooks.terminal when the front end has one (the console leaves its screen
 * for it), and directly otherwise. */
#ifndef DWH_EDITOR_H
#define DWH_EDITOR_H

#include "base/dwh.h"

/* Run argv (argv[0] looked up in PATH) on the terminal and wait: its exit status, or -1. */
int editor_run_program(char *const argv[]);
/* Edit `text` (NULL: empty) — or, when `file` is given, that file — and return what the editor
 * left (malloc'd, trailing blank lines dropped), or NULL with s->err set (the editor failed,
 * exited non-zero, or the file cannot be read). */
char *editor_edit(struct dwh *s, const char *text, const char *file);

#endif
