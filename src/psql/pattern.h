/* pattern.h — psql's object name patterns for \d and friends: `staging_*`, `public.song?`,
 * `"MixedCase"`, turned into the anchored regular expressions the catalog queries match. */
#ifndef DWH_DESCRIBE_H
#define DWH_DESCRIBE_H

#include <stdbool.h>
#include <stddef.h>

/* Outside double quotes letters fold to lower case, `*` is any run, `?` one character and
 * `.` separates the schema from the name; inside them every character is itself. Other
 * regular-expression characters work as in psql, except `$`, which is matched literally.
 * name/schema get "^(...)$", or "" when the pattern has no such part. false when too long. */
bool describe_pattern(const char *pattern, char *name, size_t nn, char *schema, size_t sn);

#endif
