-- \d, \dt, \dv on Redshift: tables and views from SVV_TABLES ("catalog information about
-- tables and views", https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html), which
-- unlike PG_TABLE_DEF is not limited to the search path. $3 holds the kinds wanted ('r'
-- tables, 'v' views), $1 the name's regular expression (or NULL), $2 the schema's: the pattern's,
-- or, with none, dwh's expression for the search path's schemas, which it asks the leader node
-- for first (current_schemas() is a leader node-only function, an error beside SVV_TABLES:
-- https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
SELECT table_schema AS "Schema",
       table_name AS "Name",
       CASE table_type WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view'
                       ELSE lower(table_type) END AS "Type"
  FROM svv_tables
 WHERE strpos($3, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 'r' END) > 0
   AND table_schema NOT IN ('pg_catalog', 'information_schema')
   AND table_schema !~ '^pg_'
   AND table_name ~ coalesce($1, '.*')
   AND table_schema ~ $2
 ORDER BY 1, 2;
