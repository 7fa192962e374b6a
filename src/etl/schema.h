/* schema.h — the warehouse's DDL: the staging tables and the star schema, from the dialect's
 * sql/<dialect>/{create,drop}_{staging,star}.sql, each part in one transaction. Used by the
 * `create` and `drop` commands and by the pipeline's create stage, so both do the same. */
#ifndef DWH_SCHEMA_H
#define DWH_SCHEMA_H

#include "base/dwh.h"

/* The parts, in the order create makes them (drop takes them the other way). */
extern const char *const schema_parts[];

/* Create part ("staging", "star") or, for NULL, both: tables that exist are kept. Reports
 * the create stage through dwh_stage and a line per part. An enum dwh_rc, s->err on failure. */
enum dwh_rc schema_create(struct dwh *s, const char *part);
/* Drop part or, for NULL, both (star first); tables that are missing are no error. */
enum dwh_rc schema_drop(struct dwh *s, const char *part);

#endif
