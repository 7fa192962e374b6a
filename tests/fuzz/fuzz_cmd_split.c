/* fuzz_cmd_split.c — libFuzzer target (`make fuzz`): any line through the command splitter
 * (shell-like ' and " quoting): -1 (unbalanced quotes) or argc words, NULL-terminated, none
 * longer than the line, never a crash or a leak. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"

#define MUST(cond) do { if (!(cond)) { fprintf(stderr, "fuzz_cmd_split: %s\n", #cond); abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), **argv = NULL;
	size_t total = 0;
	int argc;

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	argc = cmd_split(line, &argv);
	if (argc >= 0) {
		MUST(argv != NULL && argv[argc] == NULL);
		for (int i = 0; i < argc; i++) {
			MUST(argv[i] != NULL);
			total += strlen(argv[i]);
		}
		MUST(total <= strlen(line));
		cmd_free_argv(argv);
	}
	free(line);
	return 0;
}
