-- \d+, \dt+, \dv+ on Redshift: meta_relations' list and the comment (SVV_TABLES.remarks). A
-- table's size is in SVV_TABLE_INFO, which only a superuser may read, so no Size column.
SELECT table_schema AS "Schema",
       table_name AS "Name",
       CASE table_type WHEN 'BASE TABLE' THEN 'table' WHEN 'VIEW' THEN 'view'
                       ELSE lower(table_type) END AS "Type",
       coalesce(remarks, '') AS "Description"
  FROM svv_tables
 WHERE strpos($3, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 'r' END) > 0
   AND table_schema NOT IN ('pg_catalog', 'information_schema')
   AND table_schema !~ '^pg_'
   AND table_name ~ coalesce($1, '.*')
   AND table_schema ~ $2
 ORDER BY 1, 2;
