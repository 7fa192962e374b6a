-- \d NAME: the relations the pattern names ($1 name, $2 schema regular expressions), with their
-- kind (r table, p partitioned, v view, m materialized view, S sequence, f foreign, i index).
SELECT n.nspname, c.relname, c.relkind::text
  FROM pg_catalog.pg_class c
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relname ~ $1
   AND CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2
            ELSE pg_catalog.pg_table_is_visible(c.oid) END
 ORDER BY 1, 2;
