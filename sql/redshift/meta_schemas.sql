-- \dn on Redshift: SVV_ALL_SCHEMAS (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_SCHEMAS.html)
-- for the local database; $1 the name's regular expression or NULL.
SELECT schema_name AS "Name",
       schema_owner_name AS "Owner"
  FROM svv_all_schemas
 WHERE database_name = current_database()
   AND CASE WHEN $1 IS NOT NULL THEN schema_name ~ $1
            ELSE schema_name !~ '^pg_' AND schema_name <> 'information_schema' END
 ORDER BY 1;
