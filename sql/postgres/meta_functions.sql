-- \df: functions and procedures ($1 name, $2 schema regular expressions, or NULL).
SELECT n.nspname AS "Schema",
       p.proname AS "Name",
       pg_catalog.pg_get_function_result(p.oid) AS "Result data type",
       pg_catalog.pg_get_function_arguments(p.oid) AS "Argument data types",
       CASE p.prokind WHEN 'a' THEN 'agg' WHEN 'w' THEN 'window' WHEN 'p' THEN 'proc'
                      ELSE 'func' END AS "Type"
  FROM pg_catalog.pg_proc p
  LEFT JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
 WHERE CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2 AND p.proname ~ coalesce($1, '.*')
            WHEN $1::text IS NOT NULL THEN p.proname ~ $1 AND pg_catalog.pg_function_is_visible(p.oid)
            ELSE n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'
                 AND pg_catalog.pg_function_is_visible(p.oid) END
 ORDER BY 1, 2, 4;
