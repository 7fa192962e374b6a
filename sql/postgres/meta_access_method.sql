-- \d+ NAME's last footer, "Access method: heap", for a table that has one. Relation $2 in $1.
SELECT am.amname
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  JOIN pg_catalog.pg_am am ON am.oid = c.relam
 WHERE n.nspname = $1 AND c.relname = $2;
