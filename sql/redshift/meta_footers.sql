-- \d NAME on Redshift: distribution style, first sort key column and size from SVV_TABLE_INFO
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html; it has no row for
-- an empty table, and shows only to superusers or users granted SELECT on it). Relation $2 in
-- schema $1; one (heading, line) per fact, as the PostgreSQL footer query.
SELECT 'Table info:' AS heading, 'Distribution style: ' || diststyle AS line
  FROM svv_table_info WHERE "schema" = $1 AND "table" = $2
UNION ALL
SELECT 'Table info:', 'Sort key: ' || coalesce(sortkey1, '(none)') || ' (' || sortkey_num || ' columns)'
  FROM svv_table_info WHERE "schema" = $1 AND "table" = $2
UNION ALL
SELECT 'Table info:', 'Rows: ' || tbl_rows || ', size: ' || size || ' MB'
  FROM svv_table_info WHERE "schema" = $1 AND "table" = $2;
