/* gen.c — the sample data generator: song files in the real layout, one log file a day with
 * events in time order, and expected.json with the figures counted as they are written (the
 * rules of PIPELINE.md). Songs, artists and users come from entities.c, the JSON text from
 * json_out.c. Memory: O(users), not O(events). */
#include "gen/gen.h"

#include "base/fsutil.h"
#include "gen/entities.h"
#include "gen/json_out.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One song object, as the Million Song Dataset files have it (num_songs first). */
static void write_song(struct jout *o, const struct song *s, const struct artist *a, bool pretty)
{
	jout_key(o, "num_songs", pretty, true);
	jout_s(o, "1");
	jout_key(o, "artist_id", pretty, false);
	jout_str(o, a->id, false);
	jout_key(o, "artist_latitude", pretty, false);
	jout_num_or_null(o, a->lat);
	jout_key(o, "artist_longitude", pretty, false);
	jout_num_or_null(o, a->lon);
	jout_key(o, "artist_location", pretty, false);
	jout_str(o, s->alt ? a->alt_loc : a->loc, false);
	jout_key(o, "artist_name", pretty, false);
	if (a->numeric)
		jout_s(o, a->name);        /* a number where text is expected: kept as its text */
	else
		jout_str(o, s->alt ? a->alt : a->name, false);
	jout_key(o, "song_id", pretty, false);
	jout_str(o, s->id, false);
	jout_key(o, "title", pretty, false);
	jout_str(o, s->title, false);
	jout_key(o, "duration", pretty, false);
	jout_s(o, s->dur);
	jout_key(o, "year", pretty, false);
	jout_s(o, s->year);
	jout_s(o, pretty ? "\n}\n" : "}");
}

/* ---- files ---- */

/* DIR absent or empty; or an earlier gen output, whose parts are removed. */
static int prepare_dir(const char *dir, struct dwh_err *e)
{
	char p[4096], path[4096];
	DIR *d = opendir(dir);
	struct dirent *de;
	bool empty = true;

	if (!d) {
		snprintf(path, sizeof path, "%s", dir);
		return errno == ENOENT ? fs_mkdir_p(path, 0755, 0755, e) : err_set(e, "%s: %s", dir, strerror(errno));
	}
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = false;
	closedir(d);
	if (empty)
		return 0;
	snprintf(p, sizeof p, "%s/expected.json", dir);
	if (access(p, F_OK) < 0)
		return err_set(e, "%s is not empty and is not a `dwh gen` output; give a new directory", dir);
	snprintf(p, sizeof p, "%s/song_data", dir);
	if (fs_remove_tree(p, e) < 0)
		return -1;
	snprintf(p, sizeof p, "%s/log_data", dir);
	if (fs_remove_tree(p, e) < 0)
		return -1;
	snprintf(p, sizeof p, "%s/expected.json", dir);
	return fs_remove_tree(p, e);
}

static int write_songs(const char *dir, const struct gen *g, struct jout *o, struct gen_counts *c,
		       struct dwh_err *e)
{
	char path[4096];
	struct song s, s2;
	struct artist a;
	unsigned char *used = calloc((size_t)g->nartists, 1);

	if (!used)
		return err_set(e, "out of memory");
	for (long i = 0; i < g->o->songs; i++) {
		gen_song(g, i, &s);
		snprintf(path, sizeof path, "%s/song_data/%c/%c/%c", dir, s.track[2], s.track[3], s.track[4]);
		if (fs_mkdir_p(path, 0755, 0755, e) < 0)
			goto fail;
		snprintf(path + strlen(path), sizeof path - strlen(path), "/%s.json", s.track);
		if (jout_open(o, path, e) < 0)
			goto fail;
		/* now and then a file holds two pretty-printed songs, as some copies of the data do */
		bool pair = i % 50 == 7 && i + 1 < g->o->songs;
		gen_artist(g, s.artist, &a, true);
		write_song(o, &s, &a, pair);
		used[s.artist] = 1;
		c->staging_songs++;
		if (pair) {
			gen_song(g, ++i, &s2);
			gen_artist(g, s2.artist, &a, true);
			write_song(o, &s2, &a, true);
			used[s2.artist] = 1;
			c->staging_songs++;
		}
		c->files_songs++;
		if (jout_close(o, path, e) < 0)
			goto fail;
	}
	c->songs = c->staging_songs;
	for (long k = 0; k < g->nartists; k++)
		c->artists += used[k];
	free(used);
	return 0;
fail:
	free(used);
	return -1;
}

/* ---- events ---- */

struct ustate {
	struct user u;                  /* made once: users are few */
	long long last_ts;
	int session, item;
	bool paid_last;
};

struct evctx {
	const struct gen *g;
	struct jout *o;
	struct rng r;
	struct ustate *st;
	struct gen_counts *c;
	int next_session;
	long long last_play_ts;
};

/* What a NextSong event plays: an exact match of a song, or something that must not match.
 * title and artist hold n bytes, len GEN_LEN_MAX. */
enum { GEN_LEN_MAX = 32 };
static void pick_song(struct evctx *x, char *title, char *artist, char *len, size_t n)
{
	struct song s;
	struct artist a;
	long kind = gen_below(&x->r, 100);

	gen_song(x->g, gen_below(&x->r, x->g->o->songs), &s);
	gen_artist(x->g, s.artist, &a, false);
	snprintf(title, n, "%s", s.title);
	snprintf(artist, n, "%s", s.alt ? a.alt : a.name);
	snprintf(len, GEN_LEN_MAX, "%s", s.dur);
	if (kind < 40) {
		x->c->songplays_matched++;
	} else if (kind < 60) {
		long u = s.dur_units + 100;    /* the same song a millisecond longer */
		snprintf(len, GEN_LEN_MAX, "%ld.%05ld", u / 100000, u % 100000);
	} else if (kind < 75 && a.alt[0]) {
		snprintf(artist, n, "%s", s.alt ? a.name : a.alt);   /* the other spelling */
	} else {
		snprintf(title, n, "%s (Live)", s.title);
	}
}

static void write_event(struct evctx *x, long long ts)
{
	struct jout *o = x->o;
	struct rng *r = &x->r;
	char title[160], artist[160], len[GEN_LEN_MAX];
	bool out = gen_chance(r, 3);
	struct user us;
	long u = gen_below(r, x->g->o->users);
	struct ustate *st = &x->st[u];
	const char *page;

	if (out) {
		static const char *const pages[] = { "Home", "Login", "About", "Help" };
		jout_s(o, "{\"artist\":null,\"auth\":\"Logged Out\",\"firstName\":null,\"gender\":null,\"itemInSession\":");
		jout_int(o, gen_below(r, 5));
		jout_s(o, ",\"lastName\":null,\"length\":null,\"level\":\"free\",\"location\":null,\"method\":\"GET\",\"page\":");
		jout_str(o, pages[gen_below(r, 4)], true);
		jout_s(o, ",\"registration\":null,\"sessionId\":");
		jout_int(o, ++x->next_session);
		jout_s(o, ",\"song\":null,\"status\":200,\"ts\":");
		jout_int(o, ts);
		jout_s(o, ",\"userAgent\":null,\"userId\":\"\"}");
		return;
	}
	us = st->u;
	if (!st->last_ts || gen_chance(r, 5)) {
		st->session = ++x->next_session;
		st->item = 0;
	}
	long p = gen_below(r, 100);
	page = p < 80 ? "NextSong" : p < 88 ? "Home" : p < 91 ? "Logout" : p < 94 ? "Settings"
	     : p < 97 ? "About" : "Help";
	bool play = !strcmp(page, "NextSong");
	if (play)
		pick_song(x, title, artist, len, sizeof title);
	jout_s(o, "{\"artist\":");
	play ? jout_str(o, artist, true) : jout_s(o, "null");
	jout_s(o, ",\"auth\":\"Logged In\",\"firstName\":");
	jout_str(o, us.first, true);
	jout_s(o, ",\"gender\":");
	jout_str(o, us.gender, true);
	jout_s(o, ",\"itemInSession\":");
	jout_int(o, st->item++);
	jout_s(o, ",\"lastName\":");
	jout_str(o, us.last, true);
	jout_s(o, ",\"length\":");
	jout_s(o, play ? len : "null");
	jout_s(o, gen_user_paid(&us, ts) ? ",\"level\":\"paid\",\"location\":" : ",\"level\":\"free\",\"location\":");
	jout_str(o, us.loc, true);
	jout_s(o, play ? ",\"method\":\"PUT\",\"page\":" : ",\"method\":\"GET\",\"page\":");
	jout_str(o, page, true);
	jout_s(o, ",\"registration\":");
	jout_s(o, us.reg);
	jout_s(o, ",\"sessionId\":");
	jout_int(o, st->session);
	jout_s(o, ",\"song\":");
	play ? jout_str(o, title, true) : jout_s(o, "null");
	jout_s(o, !strcmp(page, "Logout") ? ",\"status\":307,\"ts\":" : ",\"status\":200,\"ts\":");
	jout_int(o, ts);
	jout_s(o, ",\"userAgent\":");
	jout_str(o, us.agent, true);
	jout_s(o, ",\"userId\":");
	jout_str(o, us.id, true);
	jout_s(o, "}");
	st->last_ts = ts;
	st->paid_last = gen_user_paid(&us, ts);
	if (play) {
		x->c->songplays++;
		if (ts != x->last_play_ts)
			x->c->time++;   /* plays are written in time order: distinct = changes */
		x->last_play_ts = ts;
	}
}

static int write_events(const char *dir, const struct gen *g, struct jout *o, struct gen_counts *c,
			gen_progress_fn progress, void *ctx, struct dwh_err *e)
{
	long days = g->o->events >= 30 ? 30 : g->o->events > 0 ? g->o->events : 1;
	struct evctx x = { g, o, gen_rng(g->o->seed, 'E', 0), NULL, c, 0, -1 };
	char path[4096];
	long long done = 0, ts = START_MS;

	if (!(x.st = calloc((size_t)g->o->users, sizeof *x.st)))
		return err_set(e, "out of memory");
	for (long u = 0; u < g->o->users; u++)
		gen_user(g, u, &x.st[u].u);
	snprintf(path, sizeof path, "%s/log_data/2018/11", dir);
	if (fs_mkdir_p(path, 0755, 0755, e) < 0)
		goto fail;
	for (long d = 0; d < days; d++) {
		long per = g->o->events / days + (d < g->o->events % days);
		long long slot = per ? DAY_MS / per : DAY_MS;

		snprintf(path, sizeof path, "%s/log_data/2018/11/2018-11-%02ld-events.json", dir, d + 1);
		if (jout_open(o, path, e) < 0)
			goto fail;
		for (long k = 0; k < per; k++) {
			/* now and then two events share a millisecond, as in the real logs */
			if (!(k > 0 && gen_chance(&x.r, 2)))
				ts = START_MS + d * DAY_MS + k * slot + gen_below(&x.r, slot > 1 ? slot : 1);
			if (k > 0)
				jout_raw(o, "\n", 1);     /* lines, but none after the last, as the real logs */
			write_event(&x, ts);
		}
		c->staging_events += per;
		c->files_events++;
		if (jout_close(o, path, e) < 0)
			goto fail;
		done += per;
		if (progress)
			progress(ctx, done, g->o->events);
	}
	for (long u = 0; u < g->o->users; u++)
		if (x.st[u].last_ts) {
			c->users++;
			c->users_paid += x.st[u].paid_last;
		}
	free(x.st);
	return 0;
fail:
	free(x.st);
	return -1;
}

/* The figures as a JSON object. Counts are far below 2^53, so cJSON's doubles hold them
 * exactly; the seed is any 64-bit number, so it goes in as its digits. */
static cJSON *expected_json(const struct gen_opts *op, const struct gen_counts *c)
{
	const struct { const char *key; long long v; } n[] = {
		{ "staging_events", c->staging_events }, { "staging_songs", c->staging_songs },
		{ "songplays", c->songplays }, { "songplays_matched", c->songplays_matched },
		{ "users", c->users }, { "users_paid", c->users_paid }, { "songs", c->songs },
		{ "artists", c->artists }, { "time", c->time },
	};
	cJSON *o = cJSON_CreateObject();
	char seed[24];
	bool ok = o != NULL;

	snprintf(seed, sizeof seed, "%llu", (unsigned long long)op->seed);
	ok = ok && cJSON_AddStringToObject(o, "generator", "dwh gen") && cJSON_AddRawToObject(o, "seed", seed);
	for (size_t i = 0; ok && i < sizeof n / sizeof n[0]; i++)
		ok = cJSON_AddNumberToObject(o, n[i].key, (double)n[i].v) != NULL;
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int write_expected(const char *dir, const struct gen_opts *op, const struct gen_counts *c,
			  struct dwh_err *e)
{
	char path[4096];
	cJSON *o = expected_json(op, c);
	char *text = o ? cJSON_Print(o) : NULL;
	FILE *f;
	int rc = 0;

	cJSON_Delete(o);
	if (!text)
		return err_set(e, "out of memory");
	snprintf(path, sizeof path, "%s/expected.json", dir);
	if (!(f = fopen(path, "w"))) {
		rc = err_set(e, "%s: %s", path, strerror(errno));
	} else {
		int w = fprintf(f, "%s\n", text);
		if (fclose(f) != 0 || w < 0)
			rc = err_set(e, "%s: %s", path, strerror(errno));
	}
	cJSON_free(text);
	return rc;
}

int gen_write(const char *dir, const struct gen_opts *op, struct gen_counts *c,
	      gen_progress_fn progress, void *ctx, struct dwh_err *e)
{
	struct gen g = { op, 0, -1 };
	struct jout *o;
	int rc;

	memset(c, 0, sizeof *c);
	if (op->songs < 1 || op->users < 1 || op->events < 0)
		return err_set(e, "gen: need at least 1 song and 1 user");
	g.nartists = op->songs < 3 ? 1 : (op->songs * 2 + 2) / 3;
	if (op->songs >= 3)
		g.dup = op->songs - 1;  /* same title, artist and duration as song 0 */
	if (prepare_dir(dir, e) < 0)
		return -1;
	if (!(o = malloc(sizeof *o)))
		return err_set(e, "out of memory");
	o->bytes = 0;
	rc = write_songs(dir, &g, o, c, e);
	if (rc == 0)
		rc = write_events(dir, &g, o, c, progress, ctx, e);
	c->bytes = o->bytes;
	free(o);
	if (rc == 0)
		rc = write_expected(dir, op, c, e);
	return rc;
}
