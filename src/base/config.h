/* config.h — the classic dwh.cfg: an INI file of [SECTION] and KEY = value lines. Values may
 * be wrapped in single or double quotes, which are not part of the value. Keys and sections
 * are matched case-insensitively, as Python's configparser does for keys. */
#ifndef DWH_CONFIG_H
#define DWH_CONFIG_H

#include <stdbool.h>

#include "base/err.h"

struct dwh_cfg;

/* NULL on failure with `e` naming the file and line. */
struct dwh_cfg *cfg_load(const char *path, struct dwh_err *e);
void cfg_free(struct dwh_cfg *c);
/* The value, or NULL when the section or key is absent. */
const char *cfg_get(const struct dwh_cfg *c, const char *section, const char *key);
/* The value, or NULL with `e` saying which of section or key is missing, and in which file. */
const char *cfg_need(const struct dwh_cfg *c, const char *section, const char *key,
		     struct dwh_err *e);
const char *cfg_path(const struct dwh_cfg *c);
/* Strip leading and trailing white space in place; shared by every `key = value` reader
 * (dwh.cfg here, console themes in src/tui/theme.c). */
char *cfg_trim(char *s);

#endif
