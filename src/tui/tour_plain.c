/* tour_plain.c — the tour at the --plain line prompt: after each step, a line from the person
 * says where to go (Enter next, b back, r again, q leave), as the console's keys do. */
#include <readline/readline.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/ui.h"

int tour_plain_pause(struct dwh *s, int i, int n)
{
	(void)s;
	for (;;) {
		char prompt[96];
		char *line;

		snprintf(prompt, sizeof prompt, "tour %d/%d — Enter: %s, b: back, r: again, q: leave> ",
			 i + 1, n, i + 1 < n ? "next" : "end");
		line = readline(prompt);
		if (!line)
			return -1;      /* end of input leaves the tour */
		char *w = line + strspn(line, " \t");
		w[strcspn(w, " \t")] = '\0';
		int go = !*w ? i + 1 : !strcmp(w, "b") ? (i > 0 ? i - 1 : 0) : !strcmp(w, "r") ? i
			: !strcmp(w, "q") ? -1 : -2;
		free(line);
		if (go == -2) {
			printf("tour: Enter, b, r or q (leave the tour to type commands)\n");
			continue;
		}
		return go;
	}
}
