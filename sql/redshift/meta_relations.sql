-- \d, \dt, \dv on Redshift: tables and views from SVV_TABLES ("catalog information about
-- tables and views", https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html), which
-- unlike PG_TABLE_DEF is not limited to the search path. $3 holds the kinds wanted ('r'
-- tables, 'v' views), $1 and $2 the name's and schema's regular expressions (or NULL).
SELECT table_schema AS "Schema",
       table_name AS "Name",
       CASE table_type WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view'
                       ELSE lower(table_type) END AS "Type"
  FROM svv_tables
 WHERE strpos($3, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 'r' END) > 0
   AND table_schema NOT IN ('pg_catalog', 'information_schema')
   AND table_schema !~ '^pg_'
   AND table_name ~ coalesce($1, '.*')
   AND CASE WHEN $2 IS NOT NULL THEN table_schema ~ $2
            ELSE table_schema = ANY (current_schemas(false)) END
 ORDER BY 1, 2;
