-- \d, \dt, \dv: relations whose kind is one of $3 ('r' table, 'p' partitioned table, 'v' view,
-- 'm' materialized view, 'S' sequence, 'f' foreign table), named as the pattern says: $1 the
-- name's regular expression, $2 the schema's (NULL: any name; schemas on the search path).
SELECT n.nspname AS "Schema",
       c.relname AS "Name",
       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
                      WHEN 'p' THEN 'partitioned table' END AS "Type",
       pg_catalog.pg_get_userbyid(c.relowner) AS "Owner"
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE pg_catalog.strpos($3, c.relkind::text) > 0
   AND CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2 AND c.relname ~ coalesce($1, '.*')
            WHEN $1::text IS NOT NULL THEN c.relname ~ $1 AND pg_catalog.pg_table_is_visible(c.oid)
            ELSE n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
                 AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) END
 ORDER BY 1, 2;
