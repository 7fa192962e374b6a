-- catalog: each table's row count as the planner last estimated it (pg_class.reltuples, -1 when
-- never analyzed or vacuumed) and its size in pages, so `catalog` says "≈ N" for a big table
-- and counts a small one exactly. Every schema but the system's.
SELECT n.nspname AS "Schema",
       c.relname AS "Name",
       c.reltuples::bigint AS "Estimate",
       c.relpages::bigint AS "Pages"
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p', 'm')
   AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
 ORDER BY 1, 2;
