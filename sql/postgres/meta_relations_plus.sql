-- \d+, \dt+, \dv+: meta_relations' list with psql's extra columns (persistence, access method,
-- size on disk, the comment). $3 the kinds, $1 the name's expression, $2 the schema's.
SELECT n.nspname AS "Schema",
       c.relname AS "Name",
       CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                      WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
                      WHEN 'p' THEN 'partitioned table' END AS "Type",
       pg_catalog.pg_get_userbyid(c.relowner) AS "Owner",
       CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary'
                             WHEN 'u' THEN 'unlogged' END AS "Persistence",
       am.amname AS "Access method",
       pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) AS "Size",
       pg_catalog.obj_description(c.oid, 'pg_class') AS "Description"
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
 WHERE pg_catalog.strpos($3, c.relkind::text) > 0
   AND CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2 AND c.relname ~ coalesce($1, '.*')
            WHEN $1::text IS NOT NULL THEN c.relname ~ $1 AND pg_catalog.pg_table_is_visible(c.oid)
            ELSE n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
                 AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) END
 ORDER BY 1, 2;
