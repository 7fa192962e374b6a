-- \di: indexes named as the pattern says ($1 name, $2 schema regular expressions, or NULL).
SELECT n.nspname AS "Schema",
       c.relname AS "Name",
       CASE c.relkind WHEN 'i' THEN 'index' ELSE 'partitioned index' END AS "Type",
       pg_catalog.pg_get_userbyid(c.relowner) AS "Owner",
       t.relname AS "Table"
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
 WHERE c.relkind IN ('i', 'I')
   AND CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2 AND c.relname ~ coalesce($1, '.*')
            WHEN $1::text IS NOT NULL THEN c.relname ~ $1 AND pg_catalog.pg_table_is_visible(c.oid)
            ELSE n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
                 AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid) END
 ORDER BY 1, 2;
