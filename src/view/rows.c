/* rows.c — rows in blocks of ROWS_BLOCK. A block is one buffer of row records (per cell a
 * 32-bit length, -1 for NULL, then the bytes and a NUL), so writing it out and reading it
 * back are one write and one read. Past the memory budget, full blocks go to an unlinked
 * temporary file and only the last few read back stay cached. */
#include "view/rows.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define ROWS_CACHED 8           /* file blocks kept read back */

struct block {
	char *data;             /* NULL while only on file */
	size_t len, cap;
	uint32_t *off;          /* where each row starts in data (while in memory) */
	int n;
	bool on_file;
	off_t foff;
	unsigned long used;     /* when last read, for evicting the oldest */
};

struct rowstore {
	int ncols;
	size_t budget, mem;
	struct block *b;
	long nb, capb, nrows;
	FILE *f;                /* the spill file, unlinked at creation */
	off_t fend;
	long *order;            /* after a sort: row numbers in display order */
	unsigned long clock;
	int cached;
};

struct rowstore *rows_new(int ncols, size_t mem_budget)
{
	struct rowstore *rs = calloc(1, sizeof *rs);

	if (rs) {
		rs->ncols = ncols;
		rs->budget = mem_budget;
	}
	return rs;
}

static void block_drop(struct rowstore *rs, struct block *b)
{
	rs->mem -= b->cap;
	free(b->data);
	free(b->off);
	b->data = NULL;
	b->off = NULL;
	b->cap = 0;
}

void rows_free(struct rowstore *rs)
{
	if (!rs)
		return;
	for (long i = 0; i < rs->nb; i++) {
		free(rs->b[i].data);
		free(rs->b[i].off);
	}
	free(rs->b);
	free(rs->order);
	if (rs->f)
		fclose(rs->f);
	free(rs);
}

long rows_count(const struct rowstore *rs)
{
	return rs->nrows;
}

bool rows_in_memory(const struct rowstore *rs)
{
	return rs->f == NULL;
}

size_t rows_mem(const struct rowstore *rs)
{
	return rs->mem;
}

/* The spill file: in $TMPDIR (else /tmp), unlinked at once so nothing is left behind. */
static FILE *spill_file(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;
	FILE *f;

	snprintf(path, sizeof path, "%s/dwh-rows-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return NULL;
	unlink(path);
	if (!(f = fdopen(fd, "w+b")))
		close(fd);
	return f;
}

/* Write a full block to the end of the spill file and free its memory. */
static int spill(struct rowstore *rs, struct block *b)
{
	if (!rs->f && !(rs->f = spill_file()))
		return -1;
	if (fseeko(rs->f, rs->fend, SEEK_SET) != 0 || fwrite(b->data, 1, b->len, rs->f) != b->len ||
	    fflush(rs->f) != 0)
		return -1;
	b->on_file = true;
	b->foff = rs->fend;
	rs->fend += (off_t)b->len;
	block_drop(rs, b);
	return 0;
}

static struct block *tail_block(struct rowstore *rs)
{
	struct block *t = rs->nb ? &rs->b[rs->nb - 1] : NULL;

	if (t && t->n < ROWS_BLOCK)
		return t;
	if (t && rs->mem > rs->budget) {
		/* Over budget: every full block still in memory goes to the file. */
		for (long i = 0; i < rs->nb; i++)
			if (rs->b[i].data && !rs->b[i].on_file && spill(rs, &rs->b[i]) < 0)
				return NULL;
	}
	if (rs->nb == rs->capb) {
		long n = rs->capb ? rs->capb * 2 : 16;
		struct block *nb = realloc(rs->b, (size_t)n * sizeof *nb);
		if (!nb)
			return NULL;
		rs->b = nb;
		rs->capb = n;
	}
	t = &rs->b[rs->nb];
	memset(t, 0, sizeof *t);
	if (!(t->off = malloc(ROWS_BLOCK * sizeof *t->off)))
		return NULL;
	rs->nb++;
	return t;
}

int rows_append(struct rowstore *rs, const char *const *vals, const int *lens)
{
	struct block *t = tail_block(rs);
	size_t need = 0;

	if (!t)
		return -1;
	for (int c = 0; c < rs->ncols; c++)
		need += 4 + (vals[c] ? (size_t)lens[c] + 1 : 0);
	if (t->len + need > t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 4096;
		while (ncap < t->len + need)
			ncap *= 2;
		char *nd = realloc(t->data, ncap);
		if (!nd)
			return -1;
		rs->mem += ncap - t->cap;
		t->data = nd;
		t->cap = ncap;
	}
	t->off[t->n++] = (uint32_t)t->len;
	for (int c = 0; c < rs->ncols; c++) {
		int32_t l = vals[c] ? lens[c] : -1;
		memcpy(t->data + t->len, &l, 4);
		t->len += 4;
		if (vals[c]) {
			memcpy(t->data + t->len, vals[c], (size_t)l);
			t->data[t->len + (size_t)l] = '\0';
			t->len += (size_t)l + 1;
		}
	}
	if (rs->order) {
		long *no = realloc(rs->order, (size_t)(rs->nrows + 1) * sizeof *no);
		if (!no)
			return -1;
		rs->order = no;
		rs->order[rs->nrows] = rs->nrows;
	}
	rs->nrows++;
	return 0;
}

/* Where each row of a block read back starts. */
static int index_block(const struct rowstore *rs, struct block *b)
{
	size_t p = 0;

	if (!(b->off = malloc(ROWS_BLOCK * sizeof *b->off)))
		return -1;
	for (int r = 0; r < b->n; r++) {
		b->off[r] = (uint32_t)p;
		for (int c = 0; c < rs->ncols; c++) {
			int32_t l;
			memcpy(&l, b->data + p, 4);
			p += 4 + (l >= 0 ? (size_t)l + 1 : 0);
		}
	}
	return 0;
}

static void evict_oldest(struct rowstore *rs, const struct block *keep)
{
	struct block *old = NULL;

	for (long i = 0; i < rs->nb; i++) {
		struct block *b = &rs->b[i];
		if (b->on_file && b->data && b != keep && (!old || b->used < old->used))
			old = b;
	}
	if (old) {
		block_drop(rs, old);
		rs->cached--;
	}
}

static int load_block(struct rowstore *rs, struct block *b)
{
	if (!(b->data = malloc(b->len ? b->len : 1)))
		return -1;
	b->cap = b->len;
	rs->mem += b->cap;
	if (fseeko(rs->f, b->foff, SEEK_SET) != 0 || fread(b->data, 1, b->len, rs->f) != b->len ||
	    index_block(rs, b) < 0) {
		block_drop(rs, b);
		return -1;
	}
	if (++rs->cached > ROWS_CACHED)
		evict_oldest(rs, b);
	return 0;
}

int rows_get(struct rowstore *rs, long i, const char **cells)
{
	long idx;
	struct block *b;

	if (i < 0 || i >= rs->nrows)
		return -1;
	idx = rs->order ? rs->order[i] : i;
	b = &rs->b[idx / ROWS_BLOCK];
	if (!b->data && load_block(rs, b) < 0)
		return -1;
	b->used = ++rs->clock;
	const char *p = b->data + b->off[idx % ROWS_BLOCK];
	for (int c = 0; c < rs->ncols; c++) {
		int32_t l;
		memcpy(&l, p, 4);
		p += 4;
		cells[c] = l >= 0 ? p : NULL;
		p += l >= 0 ? (size_t)l + 1 : 0;
	}
	return 0;
}

/* ---- sorting (every row in memory) ---- */

struct sortkey {
	const char *s;
	double d;
	bool null, num;
	long idx;
};

static int sort_desc;

static int key_cmp(const void *pa, const void *pb)
{
	const struct sortkey *a = pa, *b = pb;
	int r;

	if (a->null != b->null)
		return a->null ? 1 : -1;        /* NULLs last either way */
	if (a->null)
		r = 0;
	else if (a->num && b->num)
		r = a->d < b->d ? -1 : a->d > b->d;
	else if (a->num != b->num)
		r = a->num ? -1 : 1;            /* numbers before text that is not a number */
	else
		r = strcmp(a->s, b->s);
	if (sort_desc)
		r = -r;
	return r ? r : (a->idx > b->idx) - (a->idx < b->idx);
}

int rows_sort(struct rowstore *rs, int col, bool numeric, bool desc)
{
	struct sortkey *k;
	const char **cells;
	long n = rs->nrows;

	if (!rows_in_memory(rs) || col < 0 || col >= rs->ncols)
		return -1;
	k = malloc((size_t)(n ? n : 1) * sizeof *k);
	cells = malloc((size_t)rs->ncols * sizeof *cells);
	long *order = malloc((size_t)(n ? n : 1) * sizeof *order);
	if (!k || !cells || !order) {
		free(k), free(cells), free(order);
		return -1;
	}
	free(rs->order);
	rs->order = NULL;       /* keys come from arrival order */
	for (long i = 0; i < n; i++) {
		char *end;
		rows_get(rs, i, cells);
		k[i].s = cells[col];
		k[i].null = !cells[col];
		k[i].idx = i;
		k[i].num = false;
		if (numeric && cells[col]) {
			errno = 0;
			k[i].d = strtod(cells[col], &end);
			k[i].num = end != cells[col] && *end == '\0';
		}
		if (k[i].null)
			k[i].s = "";
	}
	sort_desc = desc;
	qsort(k, (size_t)n, sizeof *k, key_cmp);
	for (long i = 0; i < n; i++)
		order[i] = k[i].idx;
	rs->order = order;
	free(k);
	free(cells);
	return 0;
}
