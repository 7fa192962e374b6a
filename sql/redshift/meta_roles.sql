-- \du on Redshift: users from PG_USER, which every user may read (PostgreSQL 8.0, Redshift's
-- base: "a publicly readable view of pg_shadow that blanks out the password field",
-- https://www.postgresql.org/docs/8.0/view-pg-user.html; Redshift's PG_USER_INFO page points
-- there for the columns: https://docs.aws.amazon.com/redshift/latest/dg/pg_user_info.html).
-- Not SVL_USER_INFO: "visible only to superusers"
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_USER_INFO.html). $1 the name's
-- regular expression or NULL.
SELECT usename AS "Role name",
       trim(BOTH ', ' FROM
            CASE WHEN usesuper THEN 'Superuser, ' ELSE '' END
            || CASE WHEN usecreatedb THEN 'Create DB, ' ELSE '' END) AS "Attributes"
  FROM pg_user
 WHERE $1::text IS NULL OR usename ~ $1
 ORDER BY 1;
