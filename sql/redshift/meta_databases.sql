-- \l on Redshift: databases and their owners by name, from the catalog alone (PG_DATABASE,
-- PG_USER), which the leader node answers by itself
-- (https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
-- SVV_REDSHIFT_DATABASES gives the owner only as database_owner, an integer user id
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_DATABASES.html). $1 the
-- name's regular expression or NULL.
SELECT d.datname AS "Name",
       coalesce(u.usename, d.datdba::text) AS "Owner"
  FROM pg_database d
  LEFT JOIN pg_user u ON u.usesysid = d.datdba
 WHERE ($1::text IS NULL OR d.datname ~ $1)
   AND d.datname NOT IN ('template0', 'template1', 'padb_harvest')
 ORDER BY 1;
