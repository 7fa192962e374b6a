/* explore.h — the browser's row filters and column hiding/moving on a result (explore.c),
 * kept with the result (model_result.ex) until it is replaced. */
#ifndef DWH_TUI_EXPLORE_H
#define DWH_TUI_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>

struct ui;
struct dwh;
struct model_result;
struct explore;

/* The browser keys this file owns: | & (filter), u (drop the last filter), F (profile),
 * - < > = (hide, move, show columns); Enter on a profile's top value. */
bool explore_owns(const struct model_result *r, int c);
/* Handle key c on r (model lock held); false when it is not one of explore's. Sets *cmd (a
 * command for the worker, size n) when one must run, else leaves it empty. */
bool explore_key(struct ui *u, struct model_result *r, int c, char *cmd, size_t n);
/* A key while the filter is typed (u->searching is '|' or '&'); lock held. */
void explore_prompt_key(struct ui *u, struct model_result *r, int c, char *cmd, size_t n);
/* What the footer adds: the filters with rows kept of all, the columns hidden. */
void explore_footer(const struct model_result *r, char *buf, size_t n);
void explore_free(struct explore *ex);
/* s->hooks.result_query: the shown result's query with its filters as a WHERE over it. */
char *explore_result_query(struct dwh *s, int *id);

#endif
