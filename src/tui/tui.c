/* tui.c — placeholder until the console lands (issue 5), which replaces this file. */
#include "frontend.h"

int tui_run(struct dwh *s)
{
	return plain_run(s);
}
