-- \d NAME on Redshift: the tables and views the pattern names, from SVV_TABLES
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html); $1 name, $2 schema (the
-- search path's schemas when the pattern names none: see meta_relations.sql).
SELECT table_schema, table_name, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 'r' END
  FROM svv_tables
 WHERE table_name ~ $1
   AND table_schema ~ $2
 ORDER BY 1, 2;
