-- catalog: which columns of relation $2 in schema $1 are in its primary key or a foreign key
-- (and which table that references), one row per column and constraint.
SELECT a.attname AS "Column",
       CASE r.contype WHEN 'p' THEN 'PK' ELSE 'FK' END AS "Key",
       CASE WHEN r.contype = 'f' THEN fc.relname::text ELSE '' END AS "References"
  FROM pg_catalog.pg_constraint r
  JOIN pg_catalog.pg_class c ON c.oid = r.conrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = r.conrelid AND a.attnum = ANY (r.conkey)
  LEFT JOIN pg_catalog.pg_class fc ON fc.oid = r.confrelid
 WHERE n.nspname = $1 AND c.relname = $2 AND r.contype IN ('p', 'f')
 ORDER BY a.attnum, r.contype DESC;
