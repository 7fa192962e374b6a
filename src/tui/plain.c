/* plain.c — placeholder until the console lands (issue 5): reads commands from stdin. */
#include "frontend.h"

int plain_run(struct dwh *s)
{
	return batch_script(s, "-");
}
