-- \d NAME on Redshift: the table's distribution style from PG_CLASS_INFO, which every user may
-- read (releffectivediststyle: 0 EVEN, 1 KEY, 8 ALL, 10 AUTO (ALL), 11 AUTO (EVEN), 12 AUTO
-- (KEY); https://docs.aws.amazon.com/redshift/latest/dg/r_PG_CLASS_INFO.html), a catalog query
-- the leader node answers alone. Not SVV_TABLE_INFO, "visible only to superusers"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html): a normal user would
-- get "permission denied". The sort and distribution key columns are in the column listing
-- (meta_columns.sql). Relation $2 in schema $1; one (heading, line) per fact, as the
-- PostgreSQL footer query.
SELECT 'Table info:' AS heading,
       'Distribution style: ' || CASE i.releffectivediststyle
           WHEN 0 THEN 'EVEN' WHEN 1 THEN 'KEY' WHEN 8 THEN 'ALL' WHEN 10 THEN 'AUTO (ALL)'
           WHEN 11 THEN 'AUTO (EVEN)' WHEN 12 THEN 'AUTO (KEY)'
           ELSE i.releffectivediststyle::text END AS line
  FROM pg_class_info i
  JOIN pg_namespace n ON n.oid = i.relnamespace
 WHERE n.nspname = $1 AND i.relname = $2;
