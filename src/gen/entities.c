/* entities.c — songs, artists and users made again from their index: a seeded stream per
 * item, words to build names and titles from, and the odd cases the real data has (an artist
 * spelled two ways, a name that is a number, quotes and backslashes, non-ASCII). */
#include "gen/entities.h"

#include <stdio.h>
#include <string.h>

/* ---- randomness ---- */

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->x += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* The stream of item i of a kind ('S'ong, 'A'rtist, 'U'ser, 'E'vents). */
struct rng gen_rng(uint64_t seed, int kind, uint64_t i)
{
	struct rng r = { seed * 0xD1B54A32D192ED03ULL ^ ((uint64_t)kind << 56) ^ i };
	rng_next(&r);
	return r;
}

long gen_below(struct rng *r, long n)
{
	return n > 0 ? (long)(rng_next(r) % (uint64_t)n) : 0;
}

bool gen_chance(struct rng *r, int pct)
{
	return gen_below(r, 100) < pct;
}

static void ident(struct rng *r, char *buf, const char *prefix, int nrand, long i)
{
	static const char an[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	int o = (int)strlen(prefix);

	memcpy(buf, prefix, (size_t)o);
	for (int k = 0; k < nrand; k++)
		buf[o++] = an[gen_below(r, 36)];
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




/* where: also the location and coordinates (only song files need them). */
void gen_artist(const struct gen *g, long a, struct artist *ar, bool where)
{
	struct rng r = gen_rng(g->o->seed, 'A', (uint64_t)a);
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
	long city = gen_below(&r, N(cities)), lat = gen_below(&r, 12000000), lon = gen_below(&r, 36000000);
	bool noloc = gen_chance(&r, 30), coords = gen_chance(&r, 40);
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

static void song_title(long i, char *buf, size_t n)
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

void gen_song(const struct gen *g, long i, struct song *s)
{
	struct rng r = gen_rng(g->o->seed, 'S', (uint64_t)i);
	long src = i == g->dup ? 0 : i;
	struct rng rs = gen_rng(g->o->seed, 'S', (uint64_t)src);

	static const char up[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	char pre[8] = { 'T', 'R', "AB"[gen_below(&r, 2)], up[gen_below(&r, 26)], up[gen_below(&r, 26)], 0 };

	memset(s, 0, sizeof *s);
	ident(&r, s->track, pre, 8, i);         /* letters 3-5 pick the directory */
	ident(&r, s->id, "SO", 11, i);
	snprintf(s->year, sizeof s->year, "%ld", gen_chance(&r, 30) ? 0 : 1960 + gen_below(&r, 60));
	/* title, artist and duration come from song src (song 0 for the duplicate) */
	song_title(src, s->title, sizeof s->title);
	s->dur_units = 3000000 + gen_below(&rs, 57000000);
	snprintf(s->dur, sizeof s->dur, "%ld.%05ld", s->dur_units / 100000, s->dur_units % 100000);
	if (src < g->nartists) {
		s->artist = src;                /* every artist has at least one song */
	} else {
		s->artist = src == g->nartists ? 0 : gen_below(&rs, g->nartists);
		s->alt = s->artist % 5 == 0;
	}
}

/* ---- users and events ---- */


void gen_user(const struct gen *g, long u, struct user *us)
{
	struct rng r = gen_rng(g->o->seed, 'U', (uint64_t)u);
	long plan = gen_below(&r, 100);

	snprintf(us->id, sizeof us->id, "%ld", u + 1);
	snprintf(us->first, sizeof us->first, "%s", u == 0 ? "Zo\xC3\xAB" : firsts[gen_below(&r, N(firsts))]);
	snprintf(us->last, sizeof us->last, "%s", u == 0 ? "O'Brien" : u == 1 ? "Back\\Slash"
		 : lasts[gen_below(&r, N(lasts))]);
	us->gender[0] = "MF"[gen_below(&r, 2)];
	us->gender[1] = '\0';
	snprintf(us->reg, sizeof us->reg, "%lld.0", START_MS - 5000000000LL + gen_below(&r, 5000000000L));
	us->loc = places[gen_below(&r, N(places))];
	us->agent = agents[gen_below(&r, N(agents))];
	us->switch_ts = plan < 25 ? -1 : plan < 45 ? START_MS + gen_below(&r, 30 * DAY_MS) : 0;
}

bool gen_user_paid(const struct user *us, long long ts)
{
	return us->switch_ts == -1 || (us->switch_ts > 0 && ts >= us->switch_ts);
}
