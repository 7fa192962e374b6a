/* test_rs_sql.c — SQL that must run on Redshift (its load stages and the saved queries, which
 * serve both engines) names nothing with a Redshift reserved word: `AS system` is fine on
 * PostgreSQL and a syntax error on a cluster. */
#include "t.h"

#include "base/fsutil.h"
#include "base/dwh.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <strings.h>

/* docs.aws.amazon.com/redshift/latest/dg/r_pg_keywords.html */
static const char *const reserved[] = {
	"AES128", "AES256", "ALL", "ALLOWOVERWRITE", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY",
	"AS", "ASC", "AUTHORIZATION", "AZ64", "BACKUP", "BETWEEN", "BINARY", "BLANKSASNULL", "BOTH",
	"BYTEDICT", "BZIP2", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE",
	"CREDENTIALS", "CROSS", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
	"CURRENT_USER_ID", "DEFAULT", "DEFERRABLE", "DEFLATE", "DEFRAG", "DELTA", "DELTA32K", "DESC",
	"DISABLE", "DISTINCT", "DO", "ELSE", "EMPTYASNULL", "ENABLE", "ENCODE", "ENCRYPT",
	"ENCRYPTION", "END", "EXCEPT", "EXPLICIT", "FALSE", "FOR", "FOREIGN", "FREEZE", "FROM", "FULL",
	"GLOBALDICT256", "GLOBALDICT64K", "GRANT", "GROUP", "GZIP", "HAVING", "IDENTITY", "IGNORE",
	"ILIKE", "IN", "INITIALLY", "INNER", "INTERSECT", "INTERVAL", "INTO", "IS", "ISNULL", "JOIN",
	"LEADING", "LEFT", "LIKE", "LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "LUN", "LUNS", "LZO",
	"LZOP", "MINUS", "MOSTLY16", "MOSTLY32", "MOSTLY8", "NATURAL", "NEW", "NOT", "NOTNULL",
	"NULL", "NULLS", "OFF", "OFFLINE", "OFFSET", "OID", "OLD", "ON", "ONLY", "OPEN", "OR",
	"ORDER", "OUTER", "OVERLAPS", "PARALLEL", "PARTITION", "PERCENT", "PERMISSIONS", "PIVOT",
	"PLACING", "PRIMARY", "RAW", "READRATIO", "RECOVER", "REFERENCES", "REJECTLOG", "RESORT",
	"RESPECT", "RESTORE", "RIGHT", "SELECT", "SESSION_USER", "SIMILAR", "SNAPSHOT", "SOME",
	"SYSDATE", "SYSTEM", "TABLE", "TAG", "TDES", "TEXT255", "TEXT32K", "THEN", "TIMESTAMP", "TO",
	"TOP", "TRAILING", "TRUE", "TRUNCATECOLUMNS", "UNION", "UNIQUE", "UNNEST", "UNPIVOT", "USER",
	"USING", "VERBOSE", "WALLET", "WHEN", "WHERE", "WITH", "WITHOUT", NULL,
};

static bool is_reserved(const char *w, size_t n)
{
	for (int i = 0; reserved[i]; i++)
		if (strlen(reserved[i]) == n && strncasecmp(reserved[i], w, n) == 0)
			return true;
	return false;
}

/* Every alias (the word after AS, outside -- comments) must be an ordinary identifier. */
static void check_aliases(const char *path)
{
	struct dwh_err e;
	char *sql = fs_read_all(path, NULL, &e), *p;

	CHECK(sql != NULL);
	for (p = sql; p && *p; p++) {
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			if (!*p)
				break;
			continue;
		}
		if (strncasecmp(p, " AS ", 4) != 0)
			continue;
		char *w = p + 4;
		size_t n = 0;

		while (isalnum((unsigned char)w[n]) || w[n] == '_')
			n++;
		if (n && is_reserved(w, n))
			t_fail(__FILE__, __LINE__, "%s: alias %.*s is a Redshift reserved word", path,
			       (int)n, w);
	}
	free(sql);
}

static void check_dir(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	int n = 0;

	CHECK(d != NULL);
	while (d && (ent = readdir(d)) != NULL) {
		char path[512];

		if (strncmp(ent->d_name, prefix, strlen(prefix)) != 0 || !strstr(ent->d_name, ".sql"))
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, ent->d_name);
		check_aliases(path);
		n++;
	}
	if (d)
		closedir(d);
	CHECK(n > 0);
}

TEST(rs_sql_no_reserved_aliases)
{
	check_dir("sql/redshift", "load_");
	check_dir("sql/analytics", "");
}
