-- \d+ NAME on Redshift: meta_columns' columns and the comment (SVV_REDSHIFT_COLUMNS.remarks).
-- Relation $2 in schema $1.
SELECT column_name AS "Column",
       data_type AS "Type",
       CASE WHEN is_nullable = 'NO' THEN 'not null' ELSE '' END AS "Nullable",
       coalesce(column_default, '') AS "Default",
       coalesce(trim(encoding), '') AS "Encoding",
       CASE WHEN distkey THEN 'yes' ELSE '' END AS "Dist key",
       CASE WHEN sortkey <> 0 THEN sortkey::text ELSE '' END AS "Sort key",
       coalesce(remarks, '') AS "Description"
  FROM svv_redshift_columns
 WHERE database_name = current_database() AND schema_name = $1 AND table_name = $2
 ORDER BY ordinal_position;
