-- \l on Redshift: SVV_REDSHIFT_DATABASES
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_DATABASES.html); $1 the
-- name's regular expression or NULL.
SELECT database_name AS "Name",
       database_owner AS "Owner",
       database_type AS "Type"
  FROM svv_redshift_databases
 WHERE $1 IS NULL OR database_name ~ $1
 ORDER BY 1;
