/* test_guard.c — which typed statements the guard asks about: DROP, TRUNCATE, DELETE or UPDATE
 * without a WHERE of their own, read with the statement scanner (quotes, comments and
 * subqueries are not the statement's words). */
#include "t.h"

#include "base/sqlscan.h"

#include <stddef.h>

#define GUARD(sql, want)                                                                   \
	do {                                                                               \
		const char *got_ = sqlscan_destructive(sql);                               \
		if ((got_ == NULL) != ((want) == NULL) || (got_ && strcmp(got_, (want))))   \
			t_fail(__FILE__, __LINE__, "sqlscan_destructive(\"%s\") = %s, want %s", \
			       sql, got_ ? got_ : "NULL", (want) ? (want) : "NULL");       \
	} while (0)

TEST(guard_finds_destructive_statements)
{
	const char *none = NULL;

	GUARD("DELETE FROM users;", "DELETE without WHERE");
	GUARD("delete from users", "DELETE without WHERE");
	GUARD("  /* x */ DELETE -- where\n FROM users;", "DELETE without WHERE");
	GUARD("DELETE FROM users WHERE user_id = '1';", none);
	GUARD("DELETE FROM users u USING songs s WHERE u.a = s.a;", none);
	GUARD("DELETE FROM users WHERE", none);
	GUARD("DELETE FROM \"where\";", "DELETE without WHERE");
	GUARD("DELETE FROM users RETURNING 'where';", "DELETE without WHERE");
	GUARD("DELETE FROM t WHERE a IN (SELECT a FROM u);", none);
	GUARD("UPDATE users SET level = 'free';", "UPDATE without WHERE");
	GUARD("UPDATE users SET level = (SELECT 'x' WHERE true);", "UPDATE without WHERE");
	GUARD("update users set level = 'free' where user_id = '2';", none);
	GUARD("WITH x AS (SELECT 1 WHERE true) DELETE FROM users;", "DELETE without WHERE");
	GUARD("WITH d AS (DELETE FROM users RETURNING *) SELECT * FROM d;", none);
	GUARD("DROP TABLE users;", "DROP");
	GUARD("drop view v", "DROP");
	GUARD("TRUNCATE songplays;", "TRUNCATE");
	GUARD("SELECT 'DROP TABLE x';", none);
	GUARD("-- DROP TABLE x\nSELECT 1;", none);
	GUARD("CREATE TABLE t (a int);", none);
	GUARD("INSERT INTO t SELECT * FROM u;", none);
	GUARD("$$DROP$$", none);
}

TEST(sqlscan_classes_for_highlighting)
{
	const char *s = "SELECT 'a;b', 42, x::int, :v, :'w' FROM \"where\" -- c\n\\gset p";
	char cls[128];
	size_t n = strlen(s);

	sqlscan_classes(s, n, cls);
	CHECK(cls[0] == SQLSCAN_KEYWORD && cls[5] == SQLSCAN_KEYWORD && cls[6] == SQLSCAN_PLAIN);
	CHECK(cls[7] == SQLSCAN_STRING && cls[11] == SQLSCAN_STRING);
	CHECK(cls[14] == SQLSCAN_NUMBER && cls[15] == SQLSCAN_NUMBER);
	CHECK(cls[18] == SQLSCAN_PLAIN && cls[19] == SQLSCAN_PLAIN);   /* x:: a cast, int a name */
	CHECK(cls[strstr(s, ":v") - s] == SQLSCAN_VARIABLE && cls[strstr(s, ":'w'") - s + 3] == SQLSCAN_VARIABLE);
	CHECK(cls[strstr(s, "FROM") - s] == SQLSCAN_KEYWORD);
	CHECK(cls[strstr(s, "where") - s] == SQLSCAN_PLAIN);           /* a quoted name */
	CHECK(cls[strstr(s, "-- c") - s] == SQLSCAN_COMMENT);
	CHECK(cls[strstr(s, "\\gset") - s] == SQLSCAN_META && cls[strstr(s, " p") - s + 1] == SQLSCAN_PLAIN);
}
