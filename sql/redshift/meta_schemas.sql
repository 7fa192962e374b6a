-- \dn on Redshift: the local database's schemas and their owners by name, from the catalog
-- alone (PG_NAMESPACE, PG_USER), which the leader node answers by itself ("A query that
-- references only catalog tables (tables with a PG prefix ...) runs exclusively on the leader
-- node": https://docs.aws.amazon.com/redshift/latest/dg/c_SQL_functions_leader_node_only.html).
-- Not SVV_ALL_SCHEMAS: it has no owner's name, only schema_owner, an integer user id
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_SCHEMAS.html), and naming it would
-- join a system view to the catalog, which the docs do not say a cluster accepts.
-- PG_USER, not SVL_USER_INFO, which is visible only to superusers. $1 the name's regular
-- expression or NULL.
SELECT n.nspname AS "Name",
       coalesce(u.usename, n.nspowner::text) AS "Owner"
  FROM pg_namespace n
  LEFT JOIN pg_user u ON u.usesysid = n.nspowner
 WHERE CASE WHEN $1::text IS NOT NULL THEN n.nspname ~ $1
            ELSE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' END
 ORDER BY 1;
