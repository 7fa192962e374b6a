/* entities.h — what `dwh gen` makes, each song, artist and user from its own seeded random
 * stream (entities.c), so any of them can be made again from its index instead of kept in
 * memory. Private to src/gen/. */
#ifndef DWH_GEN_ENTITIES_H
#define DWH_GEN_ENTITIES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gen/gen.h"

#define DAY_MS   86400000LL
#define START_MS 1541030400000LL        /* 2018-11-01 00:00:00 UTC, as the course logs */

/* A splitmix64 stream. */
struct rng { uint64_t x; };

/* The stream of item i of a kind ('S'ong, 'A'rtist, 'U'ser, 'E'vents). */
struct rng gen_rng(uint64_t seed, int kind, uint64_t i);
/* 0..n-1 (0 when n <= 0); true pct times in 100. */
long gen_below(struct rng *r, long n);
bool gen_chance(struct rng *r, int pct);

struct gen {
	const struct gen_opts *o;
	long nartists, dup;             /* dup: the song that copies song 0's title/artist/duration */
};

struct artist {
	char id[24], name[96], alt[128], loc[64], alt_loc[64], lat[24], lon[24];
	bool numeric;                   /* name written as a JSON number */
};

struct song {
	char track[24], id[24], title[128], dur[24], year[8];
	long artist, dur_units;         /* duration in 1e-5 s */
	bool alt;                       /* uses the artist's second spelling */
};

struct user {
	char id[16], first[32], last[32], gender[2], reg[24];
	const char *loc, *agent;
	long long switch_ts;            /* free before, paid from then on; 0 = never paid, -1 = always */
};

/* Artist a (where: also its location and coordinates, which only song files need). */
void gen_artist(const struct gen *g, long a, struct artist *ar, bool where);
/* Song i: its title, artist and duration (song g->dup copies song 0's). */
void gen_song(const struct gen *g, long i, struct song *s);
/* User u, with the day (if any) they switch from free to paid. */
void gen_user(const struct gen *g, long u, struct user *us);
/* Whether the user is on the paid level at ts. */
bool gen_user_paid(const struct user *us, long long ts);

#endif
