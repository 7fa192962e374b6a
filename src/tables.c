/* tables.c — the names of the warehouse's tables, shared by counts, completion and the console. */
#include "tables.h"

const char *const dwh_tables[DWH_NTABLES + 1] = {
	"staging_events", "staging_songs", "songplays", "users", "songs", "artists", "time", NULL,
};
