/* utf8.h — telling valid UTF-8 from invalid, as PostgreSQL does: no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
#ifndef DWH_LOAD_UTF8_H
#define DWH_LOAD_UTF8_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes, n > 0), 0 when invalid. */
size_t utf8_seq_len(const unsigned char *s, size_t n);

#endif
