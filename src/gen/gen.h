/* gen.h — `dwh gen`: a realistic, deterministic sample data set in the real formats and
 * layout, with the figures the pipeline must produce from it counted while writing. */
#ifndef DWH_GEN_GEN_H
#define DWH_GEN_GEN_H

#include <stdint.h>

#include "base/err.h"

struct gen_opts {
	long songs, events, users;
	uint64_t seed;
};

#define GEN_DEFAULTS { 200, 10000, 100, 1 }

/* What the pipeline must produce (PIPELINE.md's rules, counted by the generator). */
struct gen_counts {
	long long staging_songs, staging_events, songplays, songplays_matched, users, users_paid,
		songs, artists, time;
	long files_songs, files_events;
	long long bytes;
};

/* Progress: called now and then with events written so far. */
typedef void (*gen_progress_fn)(void *ctx, long long done, long long total);

/* Write DIR/song_data, DIR/log_data and DIR/expected.json. DIR must be empty, absent, or an
 * earlier gen output (which is replaced). 0, or -1 with e set. */
int gen_write(const char *dir, const struct gen_opts *o, struct gen_counts *c,
	      gen_progress_fn progress, void *ctx, struct dwh_err *e);

#endif
