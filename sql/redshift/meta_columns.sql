-- \d NAME on Redshift: columns from SVV_REDSHIFT_COLUMNS, "a list of all columns that a user has
-- access to", with each column's compression encoding, distribution key and sort key position,
-- in every schema (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_COLUMNS.html).
-- Not PG_TABLE_DEF, which "only returns information about tables that are visible to the
-- user", i.e. on the search path (https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html),
-- so \d other_schema.t had no keys. Relation $2 in schema $1.
SELECT column_name AS "Column",
       data_type AS "Type",
       CASE WHEN is_nullable = 'NO' THEN 'not null' ELSE '' END AS "Nullable",
       coalesce(column_default, '') AS "Default",
       coalesce(trim(encoding), '') AS "Encoding",
       CASE WHEN distkey THEN 'yes' ELSE '' END AS "Dist key",
       CASE WHEN sortkey <> 0 THEN sortkey::text ELSE '' END AS "Sort key"
  FROM svv_redshift_columns
 WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2
 ORDER BY ordinal_position;
