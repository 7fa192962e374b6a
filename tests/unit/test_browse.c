/* test_browse.c — the result browser's engine parts without a server: the row store (spilling
 * to a file, reading back, sorting), charts (the longest bar is the largest value), and
 * exports (CSV and TSV quoting, JSON parsed back with cJSON). */
#include "t.h"
#include "view/filter.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <unistd.h>

#include "view/chart.h"
#include "view/export.h"
#include "view/rows.h"

static void add(struct rowstore *rs, const char *a, const char *b)
{
	const char *v[2] = { a, b };
	int l[2] = { a ? (int)strlen(a) : 0, b ? (int)strlen(b) : 0 };

	CHECK_INT(rows_append(rs, v, l), 0);
}

TEST(rows_spill_to_a_file_and_read_back_in_bounded_memory)
{
	struct rowstore *rs = rows_new(2, 64 * 1024);
	const char *c[2];
	char a[32], b[64];

	REQUIRE(rs);
	for (int i = 0; i < 100000; i++) {
		snprintf(a, sizeof a, "%d", i);
		snprintf(b, sizeof b, "value number %d", i);
		add(rs, a, i % 7 ? b : NULL);
	}
	CHECK_INT(rows_count(rs), 100000);
	CHECK(!rows_in_memory(rs));
	CHECK(rows_mem(rs) < 1024 * 1024);      /* far below the ~2.5 MB of data */
	CHECK_INT(rows_get(rs, 99999, c), 0);
	CHECK_STR(c[0], "99999");
	CHECK_STR(c[1], "value number 99999");
	CHECK_INT(rows_get(rs, 7, c), 0);
	CHECK(c[1] == NULL);
	for (int i = 0; i < 100000; i += 997) { /* jumping about stays within the cache */
		CHECK_INT(rows_get(rs, i, c), 0);
		snprintf(a, sizeof a, "%d", i);
		CHECK_STR(c[0], a);
	}
	CHECK(rows_mem(rs) < 1024 * 1024);
	CHECK_INT(rows_get(rs, 100000, c), -1);
	CHECK_INT(rows_sort(rs, 0, true, false), -1);   /* not every row in memory */
	rows_free(rs);
}

TEST(rows_sort_numbers_as_numbers_and_nulls_last)
{
	struct rowstore *rs = rows_new(2, 1 << 20);
	const char *c[2];
	const char *want_num[] = { "2", "10", "100", NULL };

	REQUIRE(rs);
	add(rs, "10", "b");
	add(rs, NULL, "a");
	add(rs, "100", "C");
	add(rs, "2", NULL);
	CHECK_INT(rows_sort(rs, 0, true, false), 0);
	for (int i = 0; i < 4; i++) {
		rows_get(rs, i, c);
		if (want_num[i])
			CHECK_STR(c[0], want_num[i]);
		else
			CHECK(c[0] == NULL);
	}
	CHECK_INT(rows_sort(rs, 0, true, true), 0);
	rows_get(rs, 0, c);
	CHECK_STR(c[0], "100");
	rows_get(rs, 3, c);
	CHECK(c[0] == NULL);                    /* NULLs last descending too */
	CHECK_INT(rows_sort(rs, 1, false, false), 0);
	rows_get(rs, 0, c);
	CHECK_STR(c[1], "C");                   /* byte order: upper case first */
	rows_get(rs, 3, c);
	CHECK(c[1] == NULL);
	rows_free(rs);
}

/* The width of the bar on the line labelled `label` (eighth blocks counted as cells). */
static int bar_cells(const struct chart_out *o, const char *label)
{
	for (int i = 0; i < o->nlines; i++) {
		const struct chart_line *l = &o->lines[i];
		if (l->nseg < 2 || strncmp(l->seg[0].text, label, strlen(label)))
			continue;
		int n = 0;
		for (int s = 0; s < l->nseg; s++)
			if (l->seg[s].series == 0)
				for (const char *p = l->seg[s].text; *p; p++)
					n += ((unsigned char)*p & 0xC0) != 0x80;
		return n;
	}
	return -1;
}

TEST(chart_longest_bar_is_the_largest_value)
{
	struct rowstore *rs = rows_new(2, 1 << 20);
	char *names[] = { "artist", "plays" };
	bool num[] = { false, true };
	struct chart ch;
	struct chart_out o;
	char why[200];

	REQUIRE(rs);
	add(rs, "Muse", "12");
	add(rs, "Beyoncé", "48");
	add(rs, "Zed", "3");
	REQUIRE(chart_from_rows(&ch, rs, names, num, 2, why, sizeof why) == 0);
	CHECK(!ch.vertical);
	CHECK_INT(chart_render(&ch, 60, 20, true, &o), 0);
	CHECK_CONTAINS(o.lines[0].seg[o.lines[0].nseg - 1].text, "plays");      /* legend */
	int muse = bar_cells(&o, "Muse"), bey = bar_cells(&o, "Beyoncé"), zed = bar_cells(&o, "Zed");
	CHECK(bey > muse && muse > zed && zed >= 1);
	CHECK(bey >= 40);                       /* the largest fills the width left */
	chart_out_free(&o);
	chart_free(&ch);
	/* no numeric column: says why */
	bool none[] = { false, false };
	CHECK_INT(chart_from_rows(&ch, rs, names, none, 2, why, sizeof why), -1);
	CHECK_CONTAINS(why, "no numeric column");
	rows_free(rs);
}

TEST(chart_numeric_labels_draw_vertical_columns)
{
	struct rowstore *rs = rows_new(2, 1 << 20);
	char *names[] = { "hour", "count" };
	bool num[] = { true, true };
	struct chart ch;
	struct chart_out o;
	char why[200], h[8], v[8];

	REQUIRE(rs);
	for (int i = 0; i < 24; i++) {
		snprintf(h, sizeof h, "%d", i);
		snprintf(v, sizeof v, "%d", i == 17 ? 90 : 10 + i);
		add(rs, h, v);
	}
	REQUIRE(chart_from_rows(&ch, rs, names, num, 2, why, sizeof why) == 0);
	CHECK(ch.vertical);
	CHECK_INT(chart_render(&ch, 100, 20, true, &o), 0);
	/* the top line of bars holds only hour 17's value label */
	const struct chart_line *top = &o.lines[1];
	char line[2048] = "";
	for (int s = 0; s < top->nseg; s++)
		strncat(line, top->seg[s].text, sizeof line - strlen(line) - 1);
	CHECK_CONTAINS(line, "90");
	CHECK(strstr(line, "█") == NULL);
	chart_out_free(&o);
	chart_free(&ch);
	rows_free(rs);
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char buf[8192];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void write_sample(enum export_fmt fmt, const char *path)
{
	char *names[] = { "id", "name", "score" };
	bool num[] = { true, false, true };
	const char *rows[][3] = { { "1", "plain", "1.5" }, { "2", "a,\"b\"\nc", NULL },
				  { "-3", "", "NaN" }, { "4", "back\\slash\ttab", "1e+30" } };
	struct dwh_err e;
	struct exporter *x = export_open(fmt, path, true, 3, names, num, &e);

	REQUIRE(x);
	for (int i = 0; i < 4; i++)
		CHECK_INT(export_row(x, rows[i], &e), 0);
	CHECK_INT(export_close(x, true, &e), 0);
}

TEST(export_csv_and_tsv_quote_as_postgresql_copy)
{
	char path[] = "/tmp/dwh-unit-export-XXXXXX";
	struct dwh_err e;

	close(mkstemp(path));
	write_sample(EXPORT_CSV, path);
	CHECK_STR(slurp(path), "id,name,score\n1,plain,1.5\n2,\"a,\"\"b\"\"\nc\",\n-3,\"\",NaN\n"
		  "4,back\\slash\ttab,1e+30\n");
	write_sample(EXPORT_TSV, path);
	CHECK_STR(slurp(path), "id\tname\tscore\n1\tplain\t1.5\n2\ta,\"b\"\\nc\t\\N\n-3\t\tNaN\n"
		  "4\tback\\\\slash\\ttab\t1e+30\n");
	/* an existing file stays without force */
	char *names[] = { "x" };
	bool num[] = { false };
	CHECK(export_open(EXPORT_CSV, path, false, 1, names, num, &e) == NULL);
	CHECK_CONTAINS(e.msg, "exists");
	remove(path);
}

TEST(export_json_parses_back_with_cjson)
{
	char path[] = "/tmp/dwh-unit-export-XXXXXX";

	close(mkstemp(path));
	write_sample(EXPORT_JSON, path);
	cJSON *a = cJSON_Parse(slurp(path));
	REQUIRE(a && cJSON_IsArray(a));
	CHECK_INT(cJSON_GetArraySize(a), 4);
	cJSON *r0 = cJSON_GetArrayItem(a, 0), *r1 = cJSON_GetArrayItem(a, 1);
	cJSON *r2 = cJSON_GetArrayItem(a, 2), *r3 = cJSON_GetArrayItem(a, 3);
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(r0, "id")));
	CHECK(cJSON_GetObjectItem(r0, "score")->valuedouble == 1.5);
	CHECK_STR(cJSON_GetObjectItem(r1, "name")->valuestring, "a,\"b\"\nc");
	CHECK(cJSON_IsNull(cJSON_GetObjectItem(r1, "score")));
	CHECK_INT(cJSON_GetObjectItem(r2, "id")->valueint, -3);
	CHECK(cJSON_IsString(cJSON_GetObjectItem(r2, "score")));       /* NaN is not a JSON number */
	CHECK(cJSON_IsNumber(cJSON_GetObjectItem(r3, "score")));
	CHECK_STR(cJSON_GetObjectItem(r3, "name")->valuestring, "back\\slash\ttab");
	cJSON_Delete(a);
	remove(path);
}

/* The browser's in-memory filter judges rows as the SQL it writes would: "text" holds the
 * text in any case (position(lower…) on the server), NULL holds nothing. */
TEST(filter_text_any_case_as_the_server)
{
	struct vfilter f;

	REQUIRE(vfilter_parse("LoVe", "song", &f) == NULL);
	CHECK(vfilter_passes(&f, "I love you"));
	CHECK(vfilter_passes(&f, "LOVE"));
	CHECK(!vfilter_passes(&f, "I lov you"));
	CHECK(!vfilter_passes(&f, ""));
	CHECK(!vfilter_passes(&f, NULL));
	CHECK_STR(f.label, "song has \"LoVe\"");
	vfilter_free(&f);
}
