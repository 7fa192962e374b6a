/* plan.h — a query plan as a tree of nodes, read from PostgreSQL's EXPLAIN (FORMAT JSON) or
 * from Redshift's text EXPLAIN (which has no JSON), so one drawing (cmd_plan.c) serves both.
 * No libpq here: the readers take text, so they are unit-tested on fixtures. */
#ifndef DWH_PLAN_H
#define DWH_PLAN_H

#include <stdbool.h>
#include <stddef.h>

struct plan_field {
	char *key, *val;        /* "Total Cost", "35.50"; "Hash Cond", "(a.g = b.g)" */
};

/* One node, in the order a reader meets them (a parent before its children). */
struct plan_node {
	char *name;             /* "Hash Join", "Seq Scan on m", "Hash Join DS_BCAST_INNER (broadcast inner table)" */
	int parent;             /* index of the parent node, -1 for the root */
	double est;             /* rows the planner expects (per loop) */
	double cost;            /* total cost */
	bool actual;            /* analysed: the fields below came */
	double rows;            /* rows per loop */
	double self_ms;         /* time in the node itself, its children's taken off */
	int loops;
	long long hit, read;    /* shared buffers */
	struct plan_field *f;   /* every field of the node as the server gave it */
	int nf;
};

struct plan {
	struct plan_node *n;
	int count, cap;
};

/* Read a plan: 0, or -1 with why (a short sentence) in err. Free with plan_free either way. */
int plan_from_json(struct plan *p, const char *json, char *err, size_t errn);
int plan_from_redshift(struct plan *p, const char *text, char *err, size_t errn);
void plan_free(struct plan *p);

/* The tree's lines before node i's name ("│  └─ "), into buf. */
void plan_prefix(const struct plan *p, int i, char *buf, size_t n);

/* What a Redshift distribution word (DS_BCAST_INNER...) means, in a few words; NULL for
 * another word. */
const char *plan_rs_dist(const char *word, size_t len);

#endif
