/* fuzz_sqlscan.c — libFuzzer target (`make fuzz`): any text through the statement scanner.
 * An end offset lies inside the text just past a ';'; the iterator's statements, put back
 * together, are the text's non-blank statements in order and never more bytes than it has. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/sqlscan.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_sqlscan: %s\n", #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sqlscan_iter it;
	size_t end, total = 0;
	char st;

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	end = sqlscan_end(text, size);
	MUST(end <= size);
	MUST(end == 0 || text[end - 1] == ';');
	st = sqlscan_state(text, size);
	MUST(st == 0 || strchr("'\"$*(-", st) != NULL);
	(void)sqlscan_blank(text);
	(void)sqlscan_blank_n(text, size);
	if (sqlscan_start(&it, text)) {
		for (const char *stmt; (stmt = sqlscan_next(&it)) != NULL;) {
			MUST(!sqlscan_blank(stmt));
			total += strlen(stmt);
			MUST(total <= size);
		}
		sqlscan_stop(&it);
	}
	free(text);
	return 0;
}
