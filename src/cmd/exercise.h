/* exercise.h — the self-checking exercises of sql/exercises/ (cmd_exercise.c): while one is
 * being worked (`exercise N`), each query typed at the prompt is run, shown and compared with
 * the exercise's expected query. */
#ifndef DWH_EXERCISE_H
#define DWH_EXERCISE_H

#include <stdbool.h>

#include "base/dwh.h"

/* Whether sql is a statement the exercise being worked checks (one that returns rows: SELECT,
 * WITH, VALUES, TABLE or a parenthesis), with an exercise being worked. */
bool exercise_takes(const struct dwh *s, const char *sql);
/* Run sql, show its rows, say right or wrong against the current exercise (the first
 * differing row, a hint offered), and keep the progress. DWH_FAIL when wrong or failed. */
enum dwh_rc exercise_check(struct dwh *s, const char *sql);

#endif
