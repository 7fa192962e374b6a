-- \df on Redshift: user functions from PG_PROC_INFO
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_PROC_INFO.html); $1 name, $2 schema.
SELECT n.nspname AS "Schema",
       p.proname AS "Name",
       format_type(p.prorettype, NULL) AS "Result data type",
       oidvectortypes(p.proargtypes) AS "Argument data types",
       CASE p.prokind WHEN 'p' THEN 'proc' ELSE 'func' END AS "Type"
  FROM pg_proc_info p
  JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE p.proname ~ coalesce($1, '.*')
   AND CASE WHEN $2::text IS NOT NULL THEN n.nspname ~ $2
            ELSE n.nspname NOT IN ('pg_catalog', 'information_schema') END
 ORDER BY 1, 2, 4;
