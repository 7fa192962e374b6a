/* sqlctx.h — what a word being completed in SQL should be, as pgcli tells it: a relation after
 * FROM/JOIN/INTO/UPDATE/TABLE, a column after SELECT/WHERE/ON/BY/SET (of the relations the
 * statement names), a column of one relation after NAME. or ALIAS., else anything. No curses,
 * no readline: unit-tested on its own. */
#ifndef DWH_TUI_SQLCTX_H
#define DWH_TUI_SQLCTX_H

enum sqlctx_kind { SQLCTX_ANY, SQLCTX_RELATION, SQLCTX_COLUMN, SQLCTX_QUALIFIED };

#define SQLCTX_RELS 16

struct sqlctx {
	enum sqlctx_kind kind;
	char qual[128];                 /* SQLCTX_QUALIFIED: the name before the dot */
	int nrel;                       /* relations named in the statement, with their aliases */
	struct { char name[128], alias[128]; } rel[SQLCTX_RELS];
};

/* `before`: the statement up to the word being completed; `whole`: all of it (relations named
 * after the cursor count too); `word`: what is typed of the word. */
void sqlctx_analyze(const char *before, const char *whole, const char *word, struct sqlctx *c);
/* The relation an alias or name stands for in the statement, or NULL. */
const char *sqlctx_relation(const struct sqlctx *c, const char *name);

#endif
