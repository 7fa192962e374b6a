/* stages.h — the warehouse's stages as data: create, stage songs, stage events, load songplays,
 * users, songs, artists, time, in dependency order, with what each reads and fills and its SQL
 * file. Lookups only: nothing here runs a stage or touches the database (pipeline.h runs them,
 * runlog.h reads their history), so every etl file can name a stage without a circle. */
#ifndef DWH_STAGES_H
#define DWH_STAGES_H

#include "base/dwh.h"

enum pipe_kind { PIPE_CREATE, PIPE_STAGE, PIPE_LOAD };

struct pipe_stage {
	const char *name;               /* "load songplays" */
	enum pipe_kind kind;
	const char *arg;                /* stage: "songs"/"events"; load: its sql file "load_time" */
	const char *table;              /* the table it fills; NULL for create */
	const char *inputs[3];          /* tables it reads, NULL-terminated */
	/* the table its incremental merge reads instead of inputs[0], when another: time's merge
	 * takes the new start times from staging_events, not every play's (merge_time.sql) */
	const char *merge_input;
};

#define PIPE_NSTAGES 8
extern const struct pipe_stage pipe_stages[PIPE_NSTAGES];
/* Stage names and their short forms, NULL-terminated, for completion and help. */
extern const char *const pipe_words[];

/* The stage named by words (joined with spaces): a full name ("load time"), a file name
 * ("load_time"), or a last word when unique ("time", "events"). NULL with s->err set. */
const struct pipe_stage *pipe_find(struct dwh *s, int argc, char **argv);
int pipe_index(const struct pipe_stage *st);
/* The index of the stage with exactly this name ("stage events", as the run log keeps it),
 * or -1. */
int pipe_named(const char *name);
/* The index of the stage that fills a table, or -1 (a table only create makes). */
int pipe_filler(const char *table);

#endif
