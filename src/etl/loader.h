/* loader.h — one staging table's load on one connection: its input files, the reader thread
 * that turns them into COPY text, the COPY itself and its bad records. stage.c runs one or two
 * of these inside transactions. */
#ifndef DWH_LOADER_H
#define DWH_LOADER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "base/dwh.h"
#include "load/copy_row.h"
#include "load/files.h"
#include "load/json_stream.h"
#include "etl/runlog.h"

#define SEND_CHUNK (256u << 10)  /* COPY data per PQputCopyData */
#define RAW_MAX    1024          /* load_errors.raw keeps this much of a bad record */

/* The bad record that stopped a stage, kept for load_errors after the rollback. */
struct load_stop {
	const char *file;
	long line;
	char col[64];
	char reason[256];
	struct bytebuf raw;
};

/* What the reader had done when it handed over a chunk, for progress. */
struct load_snap {
	int64_t rows, bad, bytes;
	long files;
};

/* Chunks of COPY text from the reader thread to the sender: a ring of NBUF buffers, of
 * which [head, head + count) are full; the reader fills slot head + count. */
#define NBUF 4
struct load_pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct bytebuf buf[NBUF];
	struct load_snap snap[NBUF];
	int head, count;
	bool done, stop;        /* the reader finished / the sender wants it to stop */
	int rc;                 /* the reader's result */
};

/* One table's load. */
struct load {
	struct dwh *s;
	const struct copy_table *t;
	char stage[32];                 /* "stage songs" */
	char path[4096];
	long max_errors;
	struct load_files files;
	struct copy_conv conv;
	struct load_pipe q;
	struct bytebuf *out;               /* the chunk the reader is filling */
	struct dwh_err perr;            /* the reader's error */
	atomic_int *halt;               /* set when a load running beside this one failed */
	bool quiet;                     /* no progress (the other load of a pair reports it) */
	struct bytebuf scratch;
	FILE *errs;                     /* load_errors rows (COPY text) for after the COPY */
	struct jstream *js;
	int dirfd;                      /* the reader's open directory (open_file) */
	char dirname[4096];
	bool in_file, errtable;
	int64_t rows, bad, bytes_before;
	long files_done;
	double t0, shown, secs;
	struct load_stop stop;
	struct run_rec run;             /* its row in the run log */
	bool logged;                    /* the run log exists: write it (and dwh_files) */
	/* incremental staging (incremental.c): only files not loaded before (--new), those whose
	 * content changed too (--changed), keeping the table's rows (--append) */
	bool only_new, changed, append;
	uint64_t *sums;                 /* files.n: each file's checksum, as the reader read it */
	int64_t *file_rows;             /* files.n: rows each file gave */
	/* a stage pair's second load (stage.c): the rows go into a shadow table made and committed
	 * on its own connection, the files loaded into a shadow of dwh_files, and load_publish moves
	 * both in inside the first connection's transaction */
	bool shadow, files_shadowed;
	bool files_swap;                /* the files' shadow becomes dwh_files' partition (incremental.c) */
	long skipped, changed_skipped;  /* files --new left out: loaded before / changed */
	int32_t src_base;               /* the first file's src_file is src_base + 1 (lineage.c) */
	char src_path[4096];            /* the reader's file, as its rows' src_path */
};

/* The statements a PostgreSQL stage of table t sends, in order, inside stage.c's transaction:
 * emptying the table and its rows of staging_files, clearing its rows of load_errors (when that
 * table exists), the COPY the rows stream into, the files the rows' src_file numbers name
 * (lineage.c; "" for a table that keeps paths), and the record of the files loaded (dwh_files,
 * incremental.c). `show sql stage` prints these very strings, so it shows what runs. */
enum load_stmt { LOAD_TRUNCATE, LOAD_FORGET_SOURCES, LOAD_CLEAR_ERRORS, LOAD_COPY,
		 LOAD_RECORD_SOURCES, LOAD_FORGET_FILES, LOAD_RECORD_FILES, LOAD_NSTMTS };
void load_stmt_sql(const struct copy_table *t, enum load_stmt which, char *buf, size_t n);

/* incremental.c: with --new, take out of ld->files the files dwh_files says were loaded (and,
 * without --changed, those changed since), saying so; then, in the stage's transaction, record
 * the files loaded in dwh_files. 0, or -1 with ld->s->err set. */
int load_pick_new(struct load *ld);
int load_record_files(struct load *ld);
/* "full", "new", "new+changed", "append", "new+append", ... for the run log. */
void load_mode(const struct load *ld, char *buf, size_t n);

/* lineage.c: whether the table keeps each row's file and line (ld->conv.lineage, said when
 * not) and the number its files start after; then, in the transaction that holds the rows (the
 * publishing one for a shadowed load), the files a numbering table's rows name into
 * staging_files. 0, or -1 with ld->s->err set. Whether table t keeps the file as its path
 * (src_path) rather than a number (src_file), and a listed file's absolute path. */
int load_lineage_begin(struct load *ld);
int load_lineage_record(struct load *ld);
bool load_lineage_by_path(const struct copy_table *t);
void load_abs_path(const struct load *ld, const char *path, char *buf, size_t n);

/* The staging table for "songs" / "events", or NULL. */
const struct copy_table *load_table(const char *which);
/* Its inverse: "songs" or "events", the word of the table's stage ("stage songs"). */
const char *load_which(const struct copy_table *t);
/* Where a stage's input is ("songs" or "events"): PATH, else --data DIR/{song,log}_data, else
 * [LOCAL] SONG_DATA / LOG_DATA, else the last successful run's (said so). 0, or -1 with s->err. */
int load_input_path(struct dwh *s, const char *which, const char *path, char *buf, size_t n);
/* Find the input (PATH, --data DIR, [LOCAL] in dwh.cfg) and list its files. 0, or -1 with
 * s->err set; load_free either way. */
int load_init(struct load *ld, struct dwh *s, const char *which, const char *path,
	      long max_errors);
void load_free(struct load *ld);
/* TRUNCATE, COPY every file, keep skipped records in load_errors: inside the caller's
 * transaction on ld->s->conn. 0, or -1 with ld->s->err set. */
int load_run(struct load *ld);
/* The shadow tables of a load with ld->shadow set: its rows, the files it loaded. */
#define SHADOW_ROWS_PREFIX "dwh_shadow_"
#define SHADOW_FILES_PREFIX "dwh_shadow_files_"
void load_shadow_names(const struct load *ld, char *rows, char *files, size_t n);
/* Move a shadowed load's rows, bad records and file record into staging on ld->s, inside the
 * caller's transaction there, dropping the shadows with it. 0, or -1 with ld->s->err set. */
int load_publish(struct load *ld);
/* Drop a shadowed load's tables (after a failure), on s; errors are ignored. */
void load_drop_shadow(const struct load *ld, struct dwh *s);
/* incremental.c: the files of a shadowed load into its shadow of dwh_files (on its own
 * connection); then, in the publishing transaction, into dwh_files. */
int load_record_files_shadow(struct load *ld);
int load_publish_files(struct load *ld);
/* After the rollback of a failed load: tell the front end, keep the stopping record. */
void load_failed(struct load *ld);
/* After the commit: the stage's state and summary line. */
void load_summary(struct load *ld);

#endif
