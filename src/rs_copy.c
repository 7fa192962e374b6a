/* rs_copy.c — placeholder until the Redshift work lands (issue 4), which replaces this file. */
#include "rs_copy.h"

char *rs_copy_sql(struct dwh *s, const char *which)
{
	err_set(&s->err, "stage %s: Redshift COPY is not built yet", which);
	return NULL;
}

int rs_stage(struct dwh *s, const char *which)
{
	err_set(&s->err, "stage %s: Redshift COPY is not built yet", which);
	return DWH_FAIL;
}
