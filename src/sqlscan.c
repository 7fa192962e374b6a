/* sqlscan.c — a small SQL lexer that only knows enough to find statement ends: quotes,
 * double-quoted identifiers, -- and nested block comments, $tag$ strings, E'' escapes. */
#include "sqlscan.h"

#include <ctype.h>
#include <string.h>

/* Length of a dollar-quote tag starting at s ("$$" or "$tag$"), or 0 if it is not one. */
static size_t dollar_tag(const char *s, size_t n)
{
	size_t i = 1;

	if (n < 2 || s[0] != '$')
		return 0;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '_'))
		i++;
	if (i < n && s[i] == '$' && !(i > 1 && isdigit((unsigned char)s[1])))
		return i + 1;
	return 0;
}

/* Skip a quoted run that began at s[i] with quote q; backslashes escape in E'' strings. */
static size_t skip_quoted(const char *s, size_t n, size_t i, char q, int esc)
{
	for (i++; i < n; i++) {
		if (esc && s[i] == '\\') {
			i++;
			continue;
		}
		if (s[i] == q) {
			if (i + 1 < n && s[i + 1] == q) {
				i++;
				continue;
			}
			return i + 1;
		}
	}
	return n;
}

static size_t skip_block_comment(const char *s, size_t n, size_t i)
{
	int depth = 0;

	while (i < n) {
		if (i + 1 < n && s[i] == '/' && s[i + 1] == '*') {
			depth++;
			i += 2;
		} else if (i + 1 < n && s[i] == '*' && s[i + 1] == '/') {
			i += 2;
			if (--depth == 0)
				return i;
		} else {
			i++;
		}
	}
	return n;
}

static size_t skip_dollar(const char *s, size_t n, size_t i, size_t tag)
{
	for (size_t j = i + tag; j + tag <= n; j++)
		if (s[j] == '$' && !memcmp(s + j, s + i, tag))
			return j + tag;
	return n;
}

/* The offset after the token at i that must be skipped whole, or i when it is ordinary. */
static size_t skip_token(const char *s, size_t n, size_t i)
{
	size_t tag;

	if (s[i] == '\'') {
		int esc = i > 0 && (s[i - 1] == 'E' || s[i - 1] == 'e');

		return skip_quoted(s, n, i, '\'', esc);
	}
	if (s[i] == '"')
		return skip_quoted(s, n, i, '"', 0);
	if (s[i] == '-' && i + 1 < n && s[i + 1] == '-') {
		const char *nl = memchr(s + i, '\n', n - i);

		return nl ? (size_t)(nl - s) + 1 : n;
	}
	if (s[i] == '/' && i + 1 < n && s[i + 1] == '*')
		return skip_block_comment(s, n, i);
	if (s[i] == '$' && (i == 0 || !(isalnum((unsigned char)s[i - 1]) || s[i - 1] == '_')) &&
	    (tag = dollar_tag(s + i, n - i)) > 0)
		return skip_dollar(s, n, i, tag);
	return i;
}

size_t sqlscan_end(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = skip_token(s, n, i);

		if (j != i) {
			i = j;
			continue;
		}
		if (s[i] == ';')
			return i + 1;
		i++;
	}
	return 0;
}

bool sqlscan_blank(const char *s)
{
	size_t n = strlen(s), i = 0;

	while (i < n) {
		if (isspace((unsigned char)s[i])) {
			i++;
		} else if ((s[i] == '-' && i + 1 < n && s[i + 1] == '-') ||
			   (s[i] == '/' && i + 1 < n && s[i + 1] == '*')) {
			i = skip_token(s, n, i);
		} else {
			return false;
		}
	}
	return true;
}
