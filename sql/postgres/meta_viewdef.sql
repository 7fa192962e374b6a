-- \d VIEW: the view's definition (relation $2 in schema $1), as psql's \d+ shows it.
SELECT pg_catalog.pg_get_viewdef(c.oid, true)
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relname = $2;
