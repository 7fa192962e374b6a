/* tutorial.c — staging the way a typical course solution does it: parse each JSON object and
 * INSERT it as one row, one statement and one commit at a time. `make bench` runs it beside
 * `dwh stage` so users see what streaming with COPY gains. Not part of dwh. */
#define _DEFAULT_SOURCE
#include <cJSON.h>
#include <dirent.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const ev_keys[] = { "artist", "auth", "firstName", "gender", "itemInSession",
	"lastName", "length", "level", "location", "method", "page", "registration", "sessionId",
	"song", "status", "ts", "userAgent", "userId" };
static const char *const song_keys[] = { "num_songs", "artist_id", "artist_latitude",
	"artist_longitude", "artist_location", "artist_name", "song_id", "title", "duration", "year" };

static long rows;

static void value_text(const cJSON *v, char *buf, size_t n, const char **out)
{
	if (!v || cJSON_IsNull(v)) {
		*out = NULL;
	} else if (cJSON_IsString(v)) {
		*out = v->valuestring;
	} else {
		char *p = cJSON_PrintUnformatted(v);

		snprintf(buf, n, "%s", p);
		free(p);
		*out = buf;
	}
}

static void insert(PGconn *c, const cJSON *o, int events)
{
	const char *const *keys = events ? ev_keys : song_keys;
	int n = events ? 18 : 10;
	const char *vals[18];
	char bufs[18][64];
	PGresult *r;

	for (int i = 0; i < n; i++)
		value_text(cJSON_GetObjectItemCaseSensitive(o, keys[i]), bufs[i], sizeof bufs[i], &vals[i]);
	r = PQexecParams(c, events
		? "INSERT INTO staging_events VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)"
		: "INSERT INTO staging_songs VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)", n, NULL, vals, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		fprintf(stderr, "tutorial: %s", PQresultErrorMessage(r));
	else
		rows++;
	PQclear(r);
}

static void load_file(PGconn *c, const char *path, int events)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;

	while (f && getline(&line, &cap, f) > 0) {
		cJSON *o = cJSON_Parse(line);

		if (o)
			insert(c, o, events);
		cJSON_Delete(o);
	}
	free(line);
	if (f)
		fclose(f);
}

static void walk(PGconn *c, const char *dir, int events)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		char path[4096];
		size_t len = strlen(list[i]->d_name);

		snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
		if (list[i]->d_name[0] != '.') {
			if (list[i]->d_type == DT_DIR)
				walk(c, path, events);
			else if (len > 5 && !strcmp(list[i]->d_name + len - 5, ".json"))
				load_file(c, path, events);
		}
		free(list[i]);
	}
	free(n >= 0 ? list : NULL);
}

int main(int argc, char **argv)
{
	PGconn *c;
	char dir[4096];

	if (argc != 3) {
		fprintf(stderr, "usage: tutorial CONNINFO DATADIR\n");
		return 2;
	}
	c = PQconnectdb(argv[1]);
	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "tutorial: %s", PQerrorMessage(c));
		return 2;
	}
	PQclear(PQexec(c, "TRUNCATE staging_events, staging_songs"));
	snprintf(dir, sizeof dir, "%s/song_data", argv[2]);
	walk(c, dir, 0);
	snprintf(dir, sizeof dir, "%s/log_data", argv[2]);
	walk(c, dir, 1);
	printf("%ld\n", rows);
	PQfinish(c);
	return 0;
}
