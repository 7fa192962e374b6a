/* fuzz_theme.c — libFuzzer target (`make fuzz`): any bytes as a theme file. It parses or fails
 * with "<origin>:<line>: why", leaving the theme untouched; never a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/theme.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_theme: %s\n", #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct theme t, before;
	struct dwh_err e = { 0 };

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	theme_default(&t);
	before = t;
	if (theme_parse(text, "fuzz.theme", "fuzz", &t, &e) < 0) {
		MUST(!strncmp(e.msg, "fuzz.theme:", 11));
		MUST(!memcmp(&t, &before, sizeof t));
	} else {
		MUST(memchr(t.name, '\0', sizeof t.name) != NULL);
	}
	free(text);
	return 0;
}
