/* test_secrets.c — the password inside a -d value is found and blanked, nothing else. */
#include "t.h"

#include "base/secrets.h"

#include <stdlib.h>

static void check_scrub(const char *in, const char *want, const char *file, int line)
{
	char *s = strdup(in);
	bool has = strcmp(in, want) != 0;

	if (secrets_has_password(in) != has)
		t_fail(file, line, "secrets_has_password(\"%s\") should be %d", in, has);
	secrets_scrub(s);
	if (strcmp(s, want))
		t_fail(file, line, "secrets_scrub(\"%s\") == \"%s\", want \"%s\"", in, s, want);
	free(s);
}
#define SCRUB(in, want) check_scrub(in, want, __FILE__, __LINE__)

TEST(secrets_conninfo)
{
	SCRUB("host=h password=s3cret dbname=d", "host=h password=xxxxxx dbname=d");
	SCRUB("password = 'a b\\'c' user=u", "password = xxxxxxxx user=u");
	SCRUB("password=last", "password=xxxx");
	SCRUB("host=h dbname=d", "host=h dbname=d");
	SCRUB("mypassword=x", "mypassword=x");
	SCRUB("dbname", "dbname");
	SCRUB("password=", "password=");
}

TEST(secrets_uri)
{
	SCRUB("postgresql://u:pw@h:5432/d", "postgresql://u:xx@h:5432/d");
	SCRUB("postgres://u@h/d?password=pw&sslmode=require", "postgres://u@h/d?password=xx&sslmode=require");
	SCRUB("postgresql://u@h/d", "postgresql://u@h/d");
	SCRUB("postgresql://h/d?application_name=password=x", "postgresql://h/d?application_name=password=x");
	SCRUB("postgresql:///d", "postgresql:///d");
}
