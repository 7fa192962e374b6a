/* tables.h — the warehouse's tables, in the order dwh shows them. */
#ifndef DWH_TABLES_H
#define DWH_TABLES_H

#include "base/dwh.h"

#define DWH_NTABLES 7
extern const char *const dwh_tables[DWH_NTABLES + 1];

/* Count every table (and load_errors when it has rows), tell the front end through
 * out->counts, and when out is not NULL return the figures as a result. An enum dwh_rc. */
enum dwh_rc counts_refresh(struct dwh *s, PGresult **out);

#endif
