/* strci.h — whether a text holds another, ignoring ASCII case: a cell against the browser's
 * search, a `~` filter's value, a load statement against the words that make it an upsert. */
#ifndef DWH_STRCI_H
#define DWH_STRCI_H

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Whether hay holds needle, ASCII case ignored; a NULL or empty hay holds nothing. */
static inline bool strci_has(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

#endif
