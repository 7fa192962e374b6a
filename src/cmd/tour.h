/* tour.h — the guided tour as data: plain step files under sql/tour/ (or any FILE or DIR a
 * teacher gives), read into steps that every front end shows its own way. No curses here. */
#ifndef DWH_TOUR_H
#define DWH_TOUR_H

#include "base/dwh.h"

/* One step file:
 *   the first line that is not blank or a comment is the title;
 *   lines starting with "$ " are the commands the step runs, in order;
 *   lines starting with "#" are notes for the teacher, never shown;
 *   a line "@ TEXT": the step's first result (its SQL) opens at the first line holding TEXT
 *   (the line the prose talks about: "@ LEFT JOIN");
 *   every other line is prose (a blank line separates paragraphs). */
struct tour_step {
	char *file;             /* where it came from, for errors */
	char *title;
	char **prose;           /* lines, "" between paragraphs; nprose of them */
	int nprose;
	char **cmds;
	int ncmds;
	char *at;               /* "@ TEXT": where its first result opens, NULL: at the top */
};

struct tour {
	struct tour_step *steps;
	int n;
};

/* Read a tour: path is a step file or a directory of them (regular, non-hidden files in byte
 * order); NULL reads sql/tour/. 0, or -1 with e naming the file and line. */
int tour_load(const char *path, struct tour *t, struct dwh_err *e);
void tour_free(struct tour *t);

/* Say a step through s->out: "── Step N/M: TITLE", then the prose. */
void tour_say(struct dwh *s, const struct tour *t, int i);
/* Run a step's commands through cmd_dispatch, each said first as "$ CMD"; the first failure
 * stops. An enum dwh_rc. */
enum dwh_rc tour_run_step(struct dwh *s, const struct tour *t, int i);

#endif
