/* test_gen.c — `dwh gen`'s expected.json checked against an independent count of what it
 * wrote (read back with cJSON, the match rule of PIPELINE.md applied by brute force), and
 * determinism for a seed. */
#include "t.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unistd.h>

#include "gen/gen.h"
#include "load/files.h"
#include "base/fsutil.h"
#include "base/dwh.h"

struct song { char *title, *artist; double dur; };

/* The text of a string or number member (numbers where text is expected keep their text). */
static char *text_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char buf[64];

	if (cJSON_IsString(v))
		return strdup(v->valuestring);
	snprintf(buf, sizeof buf, "%.17g", cJSON_IsNumber(v) ? v->valuedouble : 0);
	return strdup(buf);
}

TEST(gen_expected_matches_an_independent_count)
{
	char dir[] = "/tmp/dwh-test-gen.XXXXXX";
	struct gen_opts o = { 40, 3000, 12, 5 };
	struct gen_counts c;
	struct dwh_err e;
	struct load_files songs, logs;
	struct song sv[64];
	int ns = 0;
	long long plays = 0, matched = 0, events = 0, times = 0, users = 0, paid = 0;
	long long last_ts[16] = { 0 }, prev_play = -1;
	bool last_paid[16] = { 0 };
	char path[4200];

	CHECK(mkdtemp(dir) != NULL);
	CHECK_INT(gen_write(dir, &o, &c, NULL, NULL, &e), 0);
	snprintf(path, sizeof path, "%s/song_data", dir);
	CHECK_INT(load_files_find(&songs, path, &e), 0);
	snprintf(path, sizeof path, "%s/log_data", dir);
	CHECK_INT(load_files_find(&logs, path, &e), 0);

	/* songs: one object per file, or two pretty-printed ones (read one by one) */
	for (size_t i = 0; i < songs.n; i++) {
		char *text;
		const char *end, *p;
		struct dwh_err fe;
		size_t n;
		text = fs_read_all(songs.v[i].path, &n, &fe);
		for (p = text; p && *p && ns < 64; p = end) {
			cJSON *s = cJSON_ParseWithOpts(p, &end, 0);
			if (!s)
				break;
			sv[ns].title = text_of(s, "title");
			sv[ns].artist = text_of(s, "artist_name");
			sv[ns].dur = cJSON_GetObjectItem(s, "duration")->valuedouble;
			ns++;
			cJSON_Delete(s);
			while (*end == '\n' || *end == ' ')
				end++;
		}
		free(text);
	}
	CHECK_INT(ns, c.staging_songs);

	/* events: JSON lines, in time order */
	for (size_t i = 0; i < logs.n; i++) {
		char *text, *line, *save = NULL;
		size_t n;
		struct dwh_err fe;
		text = fs_read_all(logs.v[i].path, &n, &fe);
		CHECK(text != NULL);
		for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			cJSON *ev = cJSON_Parse(line);
			CHECK(ev != NULL);
			if (!ev)
				continue;
			events++;
			long long ts = (long long)cJSON_GetObjectItem(ev, "ts")->valuedouble;
			const char *uid = cJSON_GetObjectItem(ev, "userId")->valuestring;
			const char *page = cJSON_GetObjectItem(ev, "page")->valuestring;
			if (*uid) {
				int u = atoi(uid) - 1;
				CHECK(ts >= last_ts[u]);
				last_ts[u] = ts;
				last_paid[u] = !strcmp(cJSON_GetObjectItem(ev, "level")->valuestring, "paid");
			}
			if (!strcmp(page, "NextSong")) {
				const char *song = cJSON_GetObjectItem(ev, "song")->valuestring;
				const char *artist = cJSON_GetObjectItem(ev, "artist")->valuestring;
				double len = cJSON_GetObjectItem(ev, "length")->valuedouble;
				plays++;
				times += ts != prev_play;
				CHECK(ts >= prev_play);
				prev_play = ts;
				for (int k = 0; k < ns; k++)
					if (!strcmp(sv[k].title, song) && !strcmp(sv[k].artist, artist) && sv[k].dur == len) {
						matched++;
						break;
					}
			}
			cJSON_Delete(ev);
		}
		free(text);
	}
	for (int u = 0; u < 16; u++)
		if (last_ts[u])
			users++, paid += last_paid[u];
	CHECK_INT(events, c.staging_events);
	CHECK_INT(plays, c.songplays);
	CHECK_INT(matched, c.songplays_matched);
	CHECK(matched > 0 && matched < plays);
	CHECK_INT(times, c.time);
	CHECK(times < plays);   /* some plays share a millisecond */
	CHECK_INT(users, c.users);
	CHECK_INT(paid, c.users_paid);
	CHECK_INT(logs.n, 30);

	/* expected.json says the same, and a second run with the same seed writes the same */
	char *exp1, *exp2;
	size_t n1, n2;
	snprintf(path, sizeof path, "%s/expected.json", dir);
	exp1 = fs_read_all(path, &n1, &e);
	cJSON *ej = exp1 ? cJSON_Parse(exp1) : NULL;
	CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(ej, "generator")), "dwh gen");
	CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(ej, "seed")));
	const struct { const char *key; long long v; } want[] = {
		{ "staging_events", 3000 }, { "staging_songs", c.staging_songs }, { "songplays", c.songplays },
		{ "songplays_matched", c.songplays_matched }, { "users", c.users }, { "users_paid", c.users_paid },
		{ "songs", c.songs }, { "artists", c.artists }, { "time", c.time },
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(ej, want[k].key);
		CHECK(cJSON_IsNumber(v));
		CHECK_INT(v ? v->valuedouble : -1, want[k].v);
	}
	CHECK_INT(cJSON_GetArraySize(ej), 11);
	cJSON_Delete(ej);
	CHECK_INT(gen_write(dir, &o, &c, NULL, NULL, &e), 0);
	exp2 = fs_read_all(path, &n2, &e);
	CHECK_STR(exp2, exp1);
	free(exp1);
	free(exp2);

	for (int k = 0; k < ns; k++)
		free(sv[k].title), free(sv[k].artist);
	load_files_free(&songs);
	load_files_free(&logs);
	snprintf(path, sizeof path, "rm -rf '%s'", dir);
	CHECK_INT(system(path), 0);
}
