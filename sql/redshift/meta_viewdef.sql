-- \d VIEW on Redshift: the definition from PG_VIEWS (relation $2 in schema $1).
SELECT definition FROM pg_views WHERE schemaname = $1 AND viewname = $2;
