/* stage.c — placeholder until the loader lands (issue 3); the loader replaces this file. */
#include "stage.h"

int stage_run(struct dwh *s, const char *which, const char *path, long max_errors)
{
	(void)path; (void)max_errors;
	err_set(&s->err, "stage %s: the loader is not built yet", which);
	return DWH_FAIL;
}
