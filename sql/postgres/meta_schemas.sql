-- \dn: schemas ($1: the name's regular expression, NULL for every schema but the system's).
SELECT n.nspname AS "Name",
       pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
  FROM pg_catalog.pg_namespace n
 WHERE CASE WHEN $1::text IS NOT NULL THEN n.nspname ~ $1
            ELSE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' END
 ORDER BY 1;
