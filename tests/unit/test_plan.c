/* test_plan.c — plans read into trees (src/cmd/plan_tree.c): Redshift's text EXPLAIN from a
 * fixture (tests/data/plan/redshift_songplays.txt) with its nesting, costs, detail lines and
 * distribution words explained; PostgreSQL's EXPLAIN (FORMAT JSON) with every field kept and
 * the time in each node itself; the tree's lines. */
#include "t.h"

#include "cmd/plan.h"

#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (buf = calloc(1, (size_t)n + 1)) && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

static const char *fld(const struct plan_node *nd, const char *key)
{
	for (int i = 0; i < nd->nf; i++)
		if (!strcmp(nd->f[i].key, key))
			return nd->f[i].val;
	return NULL;
}

TEST(plan_redshift_text_fixture)
{
	char *text = slurp("tests/data/plan/redshift_songplays.txt"), err[200] = "", pre[200];
	struct plan p = { 0 };

	REQUIRE(text != NULL);
	REQUIRE(plan_from_redshift(&p, text, err, sizeof err) == 0);
	free(text);
	REQUIRE(p.count == 11);
	CHECK_STR(p.n[0].name, "Merge");
	CHECK_INT(p.n[0].parent, -1);
	CHECK_STR(fld(&p.n[0], "Merge Key"), "count(*)");
	CHECK_STR(p.n[1].name, "Network");
	CHECK_STR(fld(&p.n[1], "Note"), "Send to leader");
	CHECK_INT(p.n[3].parent, 2);
	CHECK_STR(p.n[4].name, "Hash Join DS_DIST_ALL_NONE (no redistribution: inner table on every node (DISTSTYLE ALL))");
	CHECK_STR(fld(&p.n[4], "Hash Cond"), "(\"outer\".artist_id = \"inner\".artist_id)");
	CHECK_STR(p.n[5].name, "Hash Join DS_BCAST_INNER (broadcast inner table)");
	CHECK_STR(fld(&p.n[5], "Distribution"), "DS_BCAST_INNER: broadcast inner table");
	CHECK_INT(p.n[5].parent, 4);
	CHECK_INT(p.n[5].est, 14500);
	CHECK(p.n[5].cost > 23351.68 && p.n[5].cost < 23351.70);
	CHECK_STR(fld(&p.n[5], "Startup Cost"), "3.75");
	CHECK_STR(p.n[6].name, "Seq Scan on staging_events e");
	CHECK_STR(fld(&p.n[6], "Filter"), "((page)::text = 'NextSong'::text)");
	CHECK_STR(fld(&p.n[6], "Plan Width"), "99");
	CHECK_INT(p.n[6].parent, 5);
	CHECK_INT(p.n[7].parent, 5);           /* the Hash beside the scan, both under the join */
	CHECK_INT(p.n[8].parent, 7);
	CHECK_INT(p.n[9].parent, 4);           /* the artists' Hash: the outer join's second input */
	CHECK_STR(p.n[10].name, "Seq Scan on artists a");
	CHECK_INT(p.n[10].parent, 9);
	CHECK(fld(&p.n[10], "Note") == NULL);  /* the closing remarks are nobody's field */
	CHECK_INT(p.n[10].actual, 0);
	plan_prefix(&p, 0, pre, sizeof pre);
	CHECK_STR(pre, "");
	plan_prefix(&p, 6, pre, sizeof pre);
	CHECK_STR(pre, "            │  ├─ ");
	plan_prefix(&p, 8, pre, sizeof pre);
	CHECK_STR(pre, "            │     └─ ");
	plan_prefix(&p, 10, pre, sizeof pre);
	CHECK_STR(pre, "               └─ ");
	plan_free(&p);
}

TEST(plan_redshift_words_and_errors)
{
	static const char *const words[] = { "DS_BCAST_INNER", "DS_DIST_NONE", "DS_DIST_ALL_NONE", "DS_DIST_INNER",
					     "DS_DIST_OUTER", "DS_DIST_BOTH", "DS_DIST_ALL_INNER" };
	struct plan p = { 0 };
	char err[200];

	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		CHECK(plan_rs_dist(words[i], strlen(words[i])) != NULL);
	CHECK_STR(plan_rs_dist("DS_DIST_NONE", 12), "no redistribution");
	CHECK(plan_rs_dist("DS_DIST", 7) == NULL);
	CHECK_INT(plan_from_redshift(&p, "QUERY PLAN\nnothing here\n", err, sizeof err), -1);
	CHECK_CONTAINS(err, "no plan node");
	plan_free(&p);
	CHECK_INT(plan_from_redshift(&p, "XN Seq Scan on t  (cost=0.00..1.00 rows=5 width=4)", err, sizeof err), 0);
	CHECK_INT(p.count, 1);
	CHECK_STR(p.n[0].name, "Seq Scan on t");
	plan_free(&p);
}

TEST(plan_postgres_json)
{
	const char *json =
		"[{\"Plan\": {\"Node Type\": \"Hash Join\", \"Join Type\": \"Left\", \"Plan Rows\": 10,"
		" \"Total Cost\": 35.5, \"Actual Rows\": 300, \"Actual Loops\": 1, \"Actual Total Time\": 9.0,"
		" \"Hash Cond\": \"(a.g = b.g)\", \"Output\": [\"a.g\", \"b.k\"], \"Parallel Aware\": false,"
		" \"Plans\": [{\"Node Type\": \"Seq Scan\", \"Relation Name\": \"m\", \"Plan Rows\": 5,"
		" \"Actual Rows\": 100, \"Actual Loops\": 2, \"Actual Total Time\": 2.0, \"Filter\": \"(k = 1)\","
		" \"Shared Hit Blocks\": 7}]}}]";
	struct plan p = { 0 };
	char err[200], pre[64];

	REQUIRE(plan_from_json(&p, json, err, sizeof err) == 0);
	REQUIRE(p.count == 2);
	CHECK_STR(p.n[0].name, "Hash Left Join");      /* as the text EXPLAIN says it */
	CHECK_STR(fld(&p.n[0], "Hash Cond"), "(a.g = b.g)");
	CHECK_STR(fld(&p.n[0], "Output"), "a.g, b.k");
	CHECK_STR(fld(&p.n[0], "Parallel Aware"), "false");
	CHECK_STR(fld(&p.n[0], "Total Cost"), "35.5");
	CHECK(fld(&p.n[0], "Plans") == NULL);
	CHECK(p.n[0].self_ms > 4.99 && p.n[0].self_ms < 5.01);     /* 9 less the scan's 2 loops of 2 */
	CHECK_STR(p.n[1].name, "Seq Scan on m");
	CHECK_STR(fld(&p.n[1], "Filter"), "(k = 1)");
	CHECK_INT(p.n[1].loops, 2);
	CHECK_INT(p.n[1].hit, 7);
	CHECK_INT(p.n[1].actual, 1);
	plan_prefix(&p, 1, pre, sizeof pre);
	CHECK_STR(pre, "└─ ");
	plan_free(&p);
	CHECK_INT(plan_from_json(&p, "[{\"Plan\": 1}]", err, sizeof err), -1);
	plan_free(&p);
}
