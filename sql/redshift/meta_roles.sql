-- \du on Redshift: users from SVL_USER_INFO
-- (https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_USER_INFO.html); $1 the name's
-- regular expression or NULL.
SELECT usename AS "Role name",
       trim(BOTH ', ' FROM
            CASE WHEN usesuper THEN 'Superuser, ' ELSE '' END
            || CASE WHEN usecreatedb THEN 'Create DB, ' ELSE '' END) AS "Attributes"
  FROM svl_user_info
 WHERE $1 IS NULL OR usename ~ $1
 ORDER BY 1;
