-- \d NAME on Redshift: the tables and views the pattern names, from SVV_TABLES
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html); $1 name, $2 schema.
SELECT table_schema, table_name, CASE table_type WHEN 'VIEW' THEN 'v' ELSE 'r' END
  FROM svv_tables
 WHERE table_name ~ $1
   AND CASE WHEN $2 IS NOT NULL THEN table_schema ~ $2
            ELSE table_schema = ANY (current_schemas(false)) END
 ORDER BY 1, 2;
