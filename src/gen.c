/* gen.c — the sample data generator. Every song, artist and user is made from its own seeded
 * random stream, so it can be made again on demand instead of kept in memory; events are
 * written in time order, one day file after another, and counted as they are written (the
 * figures of expected.json follow PIPELINE.md's rules). Memory: O(users), not O(events). */
#include "gen.h"

#include "fsutil.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DAY_MS   86400000LL
#define START_MS 1541030400000LL        /* 2018-11-01 00:00:00 UTC, as the course logs */

/* ---- randomness ---- */

struct rng { uint64_t x; };

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* The stream of item i of a kind ('S'ong, 'A'rtist, 'U'ser, 'E'vents). */
static struct rng rng_for(uint64_t seed, int kind, uint64_t i)
{
	struct rng r = { seed * 0xD1B54A32D192ED03ULL ^ ((uint64_t)kind << 56) ^ i };
	next(&r);
	return r;
}

static long below(struct rng *r, long n)
{
	return n > 0 ? (long)(next(r) % (uint64_t)n) : 0;
}

static bool chance(struct rng *r, int pct)
{
	return below(r, 100) < pct;
}

static void ident(struct rng *r, char *buf, const char *prefix, int nrand, long i)
{
	static const char an[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	int o = (int)strlen(prefix);

	memcpy(buf, prefix, (size_t)o);
	for (int k = 0; k < nrand; k++)
		buf[o++] = an[below(r, 36)];
	snprintf(buf + o, 16, "%05lX", i);
}

/* ---- words ---- */

#define N(a) ((long)(sizeof(a) / sizeof(a)[0]))

static const char *const adjs[] = {
	"Silent", "Electric", "Golden", "Broken", "Midnight", "Lonely", "Crazy", "Sweet", "Wild",
	"Blue", "Burning", "Frozen", "Hidden", "Lost", "Neon", "Paper", "Velvet", "Wicked", "Young",
	"Endless", "Faded", "Holy", "Last", "Little", "Lucky", "Rainy", "Secret", "Shining",
	"Stolen", "Summer",
};
static const char *const nouns[] = {
	"Heart", "Night", "River", "Dream", "Fire", "Road", "Love", "Rain", "Sky", "Train", "Song",
	"City", "Ghost", "Garden", "Mirror", "Ocean", "Shadow", "Star", "Storm", "Window", "Angel",
	"Bridge", "Diamond", "Echo", "Highway", "Island", "Letter", "Moon", "Radio", "Season",
};
static const char *const firsts[] = {
	"Walter", "Kaylee", "Jacob", "Lily", "Ryan", "Chloe", "Aleena", "Tegan", "Jayden", "Mohammad",
	"Sara", "Kevin", "Jordan", "Ava", "Layla", "Cecilia", "Rylan", "Matthew", "Emily", "Noah",
	"Mia", "Lucas", "Zoe", "Ethan", "Amara", "Diego", "Hana", "Oscar", "Priya", "Theo",
};
static const char *const lasts[] = {
	"Frye", "Summers", "Garza", "Koch", "Smith", "Cuevas", "Kirby", "Levine", "Bell", "Rodriguez",
	"Johnson", "Martin", "Morales", "Robinson", "Williams", "Owens", "George", "Jones", "Clark",
	"Nguyen", "Patel", "Kim", "Lopez", "Walker", "Young", "Hill", "Scott", "Green", "Baker", "Reed",
};
static const char *const places[] = {
	"San Francisco-Oakland-Hayward, CA", "Phoenix-Mesa-Scottsdale, AZ", "Chicago-Naperville-Elgin, IL-IN-WI",
	"New York-Newark-Jersey City, NY-NJ-PA", "Atlanta-Sandy Springs-Roswell, GA", "Houston-The Woodlands-Sugar Land, TX",
	"Lansing-East Lansing, MI", "Portland-South Portland, ME", "Waterloo-Cedar Falls, IA", "Tampa-St. Petersburg-Clearwater, FL",
};
static const char *const cities[] = {
	"London, England", "Detroit, MI", "Memphis, TN", "Reykjavík, Iceland", "Montréal, Québec",
	"Kingston, Jamaica", "Berlin, Germany", "Tokyo, Japan", "Austin, TX", "São Paulo, Brazil",
};
static const char *const agents[] = {
	"\"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/36.0.1985.143 Safari/537.36\"",
	"\"Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/35.0.1916.153 Safari/537.36\"",
	"Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0",
	"\"Mozilla/5.0 (iPhone; CPU iPhone OS 7_1_2 like Mac OS X) AppleWebKit/537.51.2 (KHTML, like Gecko) Version/7.0 Mobile/11D257 Safari/9537.53\"",
};

/* ---- songs and artists, made again from their index ---- */

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

/* where: also the location and coordinates (only song files need them). */
static void artist_make(const struct gen *g, long a, struct artist *ar, bool where)
{
	struct rng r = rng_for(g->o->seed, 'A', (uint64_t)a);
	long nf = N(firsts), nl = N(lasts);

	memset(ar, 0, sizeof *ar);
	ident(&r, ar->id, "AR", 11, a);
	snprintf(ar->name, sizeof ar->name, "%s %s", firsts[a % nf], lasts[a / nf % nl]);
	if (a >= nf * nl)
		snprintf(ar->name + strlen(ar->name), 16, " %ld", a / (nf * nl) + 1);
	if (a == 0)
		strcpy(ar->name, "Sigur Rós");
	if (a == 1)
		strcpy(ar->name, "Guns N' Roses");
	if (a == 2)
		strcpy(ar->name, "112"), ar->numeric = true;
	if (a == 3)
		strcpy(ar->name, "The \"Quoted\" Band \\ Co");
	long city = below(&r, N(cities)), lat = below(&r, 12000000), lon = below(&r, 36000000);
	bool noloc = chance(&r, 30), coords = chance(&r, 40);
	if (where) {
		snprintf(ar->loc, sizeof ar->loc, "%s", noloc ? "" : cities[city]);
		if (coords) {
			snprintf(ar->lat, sizeof ar->lat, "%.5f", (double)lat / 1e5 - 60);
			snprintf(ar->lon, sizeof ar->lon, "%.5f", (double)lon / 1e5 - 180);
		}
	}
	/* some artists are spelled two ways, as in the real data (same id, other name/location) */
	if (a == 0)
		strcpy(ar->alt, "Sigur Ros");
	else if (a % 5 == 0)
		snprintf(ar->alt, sizeof ar->alt, "%s feat. %s", ar->name, firsts[(a + 7) % nf]);
	if (where)
		snprintf(ar->alt_loc, sizeof ar->alt_loc, "%s", ar->loc[0] ? "" : cities[a % N(cities)]);
}

static void title_of(long i, char *buf, size_t n)
{
	static const char *const special[] = {
		NULL, NULL, "Fire \xF0\x9F\x94\xA5 Ballad", "Say \"Hello\" \\ Goodbye",
		"Caf\xC3\xA9 Noir \xE2\x80\x94 \xC3\x89t\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC\xE3\x81\xAE\xE5\xA4\x9C",
	};
	long na = N(adjs), nn = N(nouns);

	if (i < N(special) && special[i]) {
		snprintf(buf, n, "%s", special[i]);
		return;
	}
	snprintf(buf, n, "%s %s", adjs[i % na], nouns[i / na % nn]);
	if (i >= na * nn)
		snprintf(buf + strlen(buf), n - strlen(buf), " No. %ld", i / (na * nn) + 1);
}

static void song_make(const struct gen *g, long i, struct song *s)
{
	struct rng r = rng_for(g->o->seed, 'S', (uint64_t)i);
	long src = i == g->dup ? 0 : i;
	struct rng rs = rng_for(g->o->seed, 'S', (uint64_t)src);

	static const char up[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char pre[8] = { 'T', 'R', "AB"[below(&r, 2)], up[below(&r, 26)], up[below(&r, 26)], 0 };

	memset(s, 0, sizeof *s);
	ident(&r, s->track, pre, 8, i);         /* letters 3-5 pick the directory */
	ident(&r, s->id, "SO", 11, i);
	snprintf(s->year, sizeof s->year, "%ld", chance(&r, 30) ? 0 : 1960 + below(&r, 60));
	/* title, artist and duration come from song src (song 0 for the duplicate) */
	title_of(src, s->title, sizeof s->title);
	s->dur_units = 3000000 + below(&rs, 57000000);
	snprintf(s->dur, sizeof s->dur, "%ld.%05ld", s->dur_units / 100000, s->dur_units % 100000);
	if (src < g->nartists) {
		s->artist = src;                /* every artist has at least one song */
	} else {
		s->artist = src == g->nartists ? 0 : below(&rs, g->nartists);
		s->alt = s->artist % 5 == 0;
	}
}

/* ---- output ---- */

struct out {
	FILE *f;
	char buf[1 << 16];
	size_t len;
	long long bytes;
};

static void o_flush(struct out *o)
{
	fwrite(o->buf, 1, o->len, o->f);
	o->bytes += (long long)o->len;
	o->len = 0;
}

static void o_raw(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof o->buf)
		o_flush(o);
	if (n > sizeof o->buf) {
		fwrite(s, 1, n, o->f);
		o->bytes += (long long)n;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void o_s(struct out *o, const char *s)
{
	o_raw(o, s, strlen(s));
}

/* A JSON string; ascii writes non-ASCII as \u escapes and '/' as "\/", as the event logs do. */
static void o_str(struct out *o, const char *s, bool ascii)
{
	char u[16];

	o_raw(o, "\"", 1);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		const unsigned char *run = p;
		while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\' && (*p != '/' || !ascii))
			p++;
		if (p > run)
			o_raw(o, (const char *)run, (size_t)(p - run));
		if (!*p)
			break;
		if (*p == '"' || *p == '\\') {
			u[0] = '\\', u[1] = (char)*p;
			o_raw(o, u, 2);
		} else if (*p == '/' && ascii) {
			o_raw(o, "\\/", 2);
		} else if (*p < 0x20) {
			snprintf(u, sizeof u, "\\u%04x", *p);
			o_raw(o, u, 6);
		} else if (*p >= 0x80 && ascii) {
			unsigned cp;
			int extra = *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : 1;
			cp = *p & (0x3F >> extra);
			for (int k = 0; k < extra; k++)
				cp = cp << 6 | (*++p & 0x3F);
			if (cp >= 0x10000)
				snprintf(u, sizeof u, "\\u%04x\\u%04x", 0xD800 + ((cp - 0x10000) >> 10),
					 0xDC00 + ((cp - 0x10000) & 0x3FF));
			else
				snprintf(u, sizeof u, "\\u%04x", cp);
			o_s(o, u);
		} else {
			o_raw(o, (const char *)p, 1);
		}
	}
	o_raw(o, "\"", 1);
}

static void o_key(struct out *o, const char *key, bool pretty, bool first)
{
	o_s(o, first ? (pretty ? "{\n    \"" : "{\"") : (pretty ? ",\n    \"" : ", \""));
	o_s(o, key);
	o_s(o, "\": ");
}

static void o_num_or_null(struct out *o, const char *v)
{
	o_s(o, v[0] ? v : "null");
}

/* One song object, as the Million Song Dataset files have it (num_songs first). */
static void write_song(struct out *o, const struct song *s, const struct artist *a, bool pretty)
{
	o_key(o, "num_songs", pretty, true);
	o_s(o, "1");
	o_key(o, "artist_id", pretty, false);
	o_str(o, a->id, false);
	o_key(o, "artist_latitude", pretty, false);
	o_num_or_null(o, a->lat);
	o_key(o, "artist_longitude", pretty, false);
	o_num_or_null(o, a->lon);
	o_key(o, "artist_location", pretty, false);
	o_str(o, s->alt ? a->alt_loc : a->loc, false);
	o_key(o, "artist_name", pretty, false);
	if (a->numeric)
		o_s(o, a->name);        /* a number where text is expected: kept as its text */
	else
		o_str(o, s->alt ? a->alt : a->name, false);
	o_key(o, "song_id", pretty, false);
	o_str(o, s->id, false);
	o_key(o, "title", pretty, false);
	o_str(o, s->title, false);
	o_key(o, "duration", pretty, false);
	o_s(o, s->dur);
	o_key(o, "year", pretty, false);
	o_s(o, s->year);
	o_s(o, pretty ? "\n}\n" : "}");
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

static int open_out(struct out *o, const char *path, struct dwh_err *e)
{
	o->len = 0;
	if (!(o->f = fopen(path, "w")))
		return err_set(e, "%s: %s", path, strerror(errno));
	return 0;
}

static int close_out(struct out *o, const char *path, struct dwh_err *e)
{
	o_flush(o);
	if (ferror(o->f) | (fclose(o->f) != 0))
		return err_set(e, "%s: write failed: %s", path, strerror(errno));
	return 0;
}

static int write_songs(const char *dir, const struct gen *g, struct out *o, struct gen_counts *c,
		       struct dwh_err *e)
{
	char path[4096];
	struct song s, s2;
	struct artist a;
	unsigned char *used = calloc((size_t)g->nartists, 1);

	if (!used)
		return err_set(e, "out of memory");
	for (long i = 0; i < g->o->songs; i++) {
		song_make(g, i, &s);
		snprintf(path, sizeof path, "%s/song_data/%c/%c/%c", dir, s.track[2], s.track[3], s.track[4]);
		if (fs_mkdir_p(path, 0755, 0755, e) < 0)
			goto fail;
		snprintf(path + strlen(path), sizeof path - strlen(path), "/%s.json", s.track);
		if (open_out(o, path, e) < 0)
			goto fail;
		/* now and then a file holds two pretty-printed songs, as some copies of the data do */
		bool pair = i % 50 == 7 && i + 1 < g->o->songs;
		artist_make(g, s.artist, &a, true);
		write_song(o, &s, &a, pair);
		used[s.artist] = 1;
		c->staging_songs++;
		if (pair) {
			song_make(g, ++i, &s2);
			artist_make(g, s2.artist, &a, true);
			write_song(o, &s2, &a, true);
			used[s2.artist] = 1;
			c->staging_songs++;
		}
		c->files_songs++;
		if (close_out(o, path, e) < 0)
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

/* ---- users and events ---- */

struct user {
	char id[16], first[32], last[32], gender[2], reg[24];
	const char *loc, *agent;
	long long switch_ts;            /* free before, paid from then on; 0 = never paid, -1 = always */
};

static void user_make(const struct gen *g, long u, struct user *us)
{
	struct rng r = rng_for(g->o->seed, 'U', (uint64_t)u);
	long plan = below(&r, 100);

	snprintf(us->id, sizeof us->id, "%ld", u + 1);
	snprintf(us->first, sizeof us->first, "%s", u == 0 ? "Zo\xC3\xAB" : firsts[below(&r, N(firsts))]);
	snprintf(us->last, sizeof us->last, "%s", u == 0 ? "O'Brien" : u == 1 ? "Back\\Slash"
		 : lasts[below(&r, N(lasts))]);
	us->gender[0] = "MF"[below(&r, 2)];
	us->gender[1] = '\0';
	snprintf(us->reg, sizeof us->reg, "%lld.0", START_MS - 5000000000LL + below(&r, 5000000000L));
	us->loc = places[below(&r, N(places))];
	us->agent = agents[below(&r, N(agents))];
	us->switch_ts = plan < 25 ? -1 : plan < 45 ? START_MS + below(&r, 30 * DAY_MS) : 0;
}

static bool paid_at(const struct user *us, long long ts)
{
	return us->switch_ts == -1 || (us->switch_ts > 0 && ts >= us->switch_ts);
}

struct ustate {
	struct user u;                  /* made once: users are few */
	long long last_ts;
	int session, item;
	bool paid_last;
};

struct evctx {
	const struct gen *g;
	struct out *o;
	struct rng r;
	struct ustate *st;
	struct gen_counts *c;
	int next_session;
	long long last_play_ts;
};

static void o_int(struct out *o, long long v)
{
	char b[32];
	int n = snprintf(b, sizeof b, "%lld", v);
	o_raw(o, b, (size_t)n);
}

/* What a NextSong event plays: an exact match of a song, or something that must not match.
 * title and artist hold n bytes, len GEN_LEN_MAX. */
enum { GEN_LEN_MAX = 32 };
static void pick_song(struct evctx *x, char *title, char *artist, char *len, size_t n)
{
	struct song s;
	struct artist a;
	long kind = below(&x->r, 100);

	song_make(x->g, below(&x->r, x->g->o->songs), &s);
	artist_make(x->g, s.artist, &a, false);
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
	struct out *o = x->o;
	struct rng *r = &x->r;
	char title[160], artist[160], len[GEN_LEN_MAX];
	bool out = chance(r, 3);
	struct user us;
	long u = below(r, x->g->o->users);
	struct ustate *st = &x->st[u];
	const char *page;

	if (out) {
		static const char *const pages[] = { "Home", "Login", "About", "Help" };
		o_s(o, "{\"artist\":null,\"auth\":\"Logged Out\",\"firstName\":null,\"gender\":null,\"itemInSession\":");
		o_int(o, below(r, 5));
		o_s(o, ",\"lastName\":null,\"length\":null,\"level\":\"free\",\"location\":null,\"method\":\"GET\",\"page\":");
		o_str(o, pages[below(r, 4)], true);
		o_s(o, ",\"registration\":null,\"sessionId\":");
		o_int(o, ++x->next_session);
		o_s(o, ",\"song\":null,\"status\":200,\"ts\":");
		o_int(o, ts);
		o_s(o, ",\"userAgent\":null,\"userId\":\"\"}");
		return;
	}
	us = st->u;
	if (!st->last_ts || chance(r, 5)) {
		st->session = ++x->next_session;
		st->item = 0;
	}
	long p = below(r, 100);
	page = p < 80 ? "NextSong" : p < 88 ? "Home" : p < 91 ? "Logout" : p < 94 ? "Settings"
	     : p < 97 ? "About" : "Help";
	bool play = !strcmp(page, "NextSong");
	if (play)
		pick_song(x, title, artist, len, sizeof title);
	o_s(o, "{\"artist\":");
	play ? o_str(o, artist, true) : o_s(o, "null");
	o_s(o, ",\"auth\":\"Logged In\",\"firstName\":");
	o_str(o, us.first, true);
	o_s(o, ",\"gender\":");
	o_str(o, us.gender, true);
	o_s(o, ",\"itemInSession\":");
	o_int(o, st->item++);
	o_s(o, ",\"lastName\":");
	o_str(o, us.last, true);
	o_s(o, ",\"length\":");
	o_s(o, play ? len : "null");
	o_s(o, paid_at(&us, ts) ? ",\"level\":\"paid\",\"location\":" : ",\"level\":\"free\",\"location\":");
	o_str(o, us.loc, true);
	o_s(o, play ? ",\"method\":\"PUT\",\"page\":" : ",\"method\":\"GET\",\"page\":");
	o_str(o, page, true);
	o_s(o, ",\"registration\":");
	o_s(o, us.reg);
	o_s(o, ",\"sessionId\":");
	o_int(o, st->session);
	o_s(o, ",\"song\":");
	play ? o_str(o, title, true) : o_s(o, "null");
	o_s(o, !strcmp(page, "Logout") ? ",\"status\":307,\"ts\":" : ",\"status\":200,\"ts\":");
	o_int(o, ts);
	o_s(o, ",\"userAgent\":");
	o_str(o, us.agent, true);
	o_s(o, ",\"userId\":");
	o_str(o, us.id, true);
	o_s(o, "}");
	st->last_ts = ts;
	st->paid_last = paid_at(&us, ts);
	if (play) {
		x->c->songplays++;
		if (ts != x->last_play_ts)
			x->c->time++;   /* plays are written in time order: distinct = changes */
		x->last_play_ts = ts;
	}
}

static int write_events(const char *dir, const struct gen *g, struct out *o, struct gen_counts *c,
			gen_progress_fn progress, void *ctx, struct dwh_err *e)
{
	long days = g->o->events >= 30 ? 30 : g->o->events > 0 ? g->o->events : 1;
	struct evctx x = { g, o, rng_for(g->o->seed, 'E', 0), NULL, c, 0, -1 };
	char path[4096];
	long long done = 0, ts = START_MS;

	if (!(x.st = calloc((size_t)g->o->users, sizeof *x.st)))
		return err_set(e, "out of memory");
	for (long u = 0; u < g->o->users; u++)
		user_make(g, u, &x.st[u].u);
	snprintf(path, sizeof path, "%s/log_data/2018/11", dir);
	if (fs_mkdir_p(path, 0755, 0755, e) < 0)
		goto fail;
	for (long d = 0; d < days; d++) {
		long per = g->o->events / days + (d < g->o->events % days);
		long long slot = per ? DAY_MS / per : DAY_MS;

		snprintf(path, sizeof path, "%s/log_data/2018/11/2018-11-%02ld-events.json", dir, d + 1);
		if (open_out(o, path, e) < 0)
			goto fail;
		for (long k = 0; k < per; k++) {
			/* now and then two events share a millisecond, as in the real logs */
			if (!(k > 0 && chance(&x.r, 2)))
				ts = START_MS + d * DAY_MS + k * slot + below(&x.r, slot > 1 ? slot : 1);
			if (k > 0)
				o_raw(o, "\n", 1);     /* lines, but none after the last, as the real logs */
			write_event(&x, ts);
		}
		c->staging_events += per;
		c->files_events++;
		if (close_out(o, path, e) < 0)
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
	struct out *o;
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
