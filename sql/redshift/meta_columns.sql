-- \d NAME on Redshift: columns from SVV_COLUMNS
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_COLUMNS.html), every table and view,
-- with each column's compression encoding, distribution key and sort key position from
-- PG_TABLE_DEF (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html), which
-- knows them only for schemas on the search path. Relation $2 in schema $1.
SELECT c.column_name AS "Column",
       d.type AS "Type",
       CASE WHEN c.is_nullable = 'NO' THEN 'not null' ELSE '' END AS "Nullable",
       coalesce(c.column_default, '') AS "Default",
       coalesce(trim(d.encoding), '') AS "Encoding",
       CASE WHEN d.distkey THEN 'yes' ELSE '' END AS "Dist key",
       CASE WHEN d.sortkey <> 0 THEN d.sortkey::text ELSE '' END AS "Sort key"
  FROM svv_columns c
  LEFT JOIN pg_table_def d
         ON d.schemaname = c.table_schema AND d.tablename = c.table_name AND d."column" = c.column_name
 WHERE c.table_schema = $1 AND c.table_name = $2
 ORDER BY c.ordinal_position;
