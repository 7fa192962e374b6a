-- catalog on Redshift: each table's row estimate from PG_CLASS (reltuples), a catalog query the
-- leader node answers alone; not SVV_TABLE_INFO's tbl_rows, which is "visible only to
-- superusers" (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html). Redshift
-- keeps no page count here: "Pages" is 0, and `catalog` counts a table whose estimate is small.
SELECT n.nspname AS "Schema",
       c.relname AS "Name",
       c.reltuples::bigint AS "Estimate",
       0::bigint AS "Pages"
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'r'
   AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
 ORDER BY 1, 2;
