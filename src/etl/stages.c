/* stages.c — the stage catalogue: the table of stages and finding one by name or by the table
 * it fills. */
#include "etl/stages.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

const struct pipe_stage pipe_stages[PIPE_NSTAGES] = {
	{ "create", PIPE_CREATE, NULL, NULL, { NULL }, NULL },
	{ "stage songs", PIPE_STAGE, "songs", "staging_songs", { NULL }, NULL },
	{ "stage events", PIPE_STAGE, "events", "staging_events", { NULL }, NULL },
	{ "load songplays", PIPE_LOAD, "load_songplays", "songplays",
	  { "staging_events", "staging_songs", NULL }, NULL },
	{ "load users", PIPE_LOAD, "load_users", "users", { "staging_events", NULL }, NULL },
	{ "load songs", PIPE_LOAD, "load_songs", "songs", { "staging_songs", NULL }, NULL },
	{ "load artists", PIPE_LOAD, "load_artists", "artists", { "staging_songs", NULL }, NULL },
	{ "load time", PIPE_LOAD, "load_time", "time", { "songplays", NULL }, "staging_events" },
};

const char *const pipe_words[] = {
	"create", "stage_songs", "stage_events", "load_songplays", "load_users", "load_songs",
	"load_artists", "load_time", NULL,
};

int pipe_index(const struct pipe_stage *st)
{
	return (int)(st - pipe_stages);
}

int pipe_named(const char *name)
{
	for (int i = 0; i < PIPE_NSTAGES; i++)
		if (!strcmp(pipe_stages[i].name, name))
			return i;
	return -1;
}

int pipe_filler(const char *table)
{
	for (int i = 0; i < PIPE_NSTAGES; i++)
		if (pipe_stages[i].table && !strcmp(pipe_stages[i].table, table))
			return i;
	return -1;
}

/* "Load_Time" / "load-time" / "load time" → "load time". */
static void normalize(char *w)
{
	for (; *w; w++)
		*w = (*w == '_' || *w == '-') ? ' ' : (char)tolower((unsigned char)*w);
}

/* A last word alone ("time", "events") names the one stage ending with it. */
static const struct pipe_stage *by_last_word(const char *want, int *hits)
{
	const struct pipe_stage *hit = NULL;

	*hits = 0;
	for (int i = 0; i < PIPE_NSTAGES; i++) {
		const char *sp = strrchr(pipe_stages[i].name, ' ');

		if (sp && strcmp(sp + 1, want) == 0)
			hit = &pipe_stages[i], ++*hits;
	}
	return hit;
}

const struct pipe_stage *pipe_find(struct dwh *s, int argc, char **argv)
{
	char want[128] = "";
	const struct pipe_stage *hit;
	int i, hits;

	for (i = 0; i < argc; i++) {
		size_t n = strlen(want);

		snprintf(want + n, sizeof want - n, "%s%s", i ? " " : "", argv[i]);
	}
	normalize(want);
	if ((i = pipe_named(want)) >= 0)
		return &pipe_stages[i];
	hit = by_last_word(want, &hits);
	if (hits == 1)
		return hit;
	if (hits > 1)
		err_set(&s->err, "%s is ambiguous: say stage %s or load %s", want, want, want);
	else
		err_set(&s->err, "%s%s: no such stage (create, stage songs, stage events, "
			"load songplays, load users, load songs, load artists, load time)",
			want[0] ? "" : "(none)", want);
	return NULL;
}
