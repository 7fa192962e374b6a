-- \du: roles and what they may do ($1: the name's regular expression, NULL for all but pg_*).
SELECT r.rolname AS "Role name",
       pg_catalog.array_to_string(ARRAY[
           CASE WHEN r.rolsuper THEN 'Superuser' END,
           CASE WHEN r.rolcreaterole THEN 'Create role' END,
           CASE WHEN r.rolcreatedb THEN 'Create DB' END,
           CASE WHEN NOT r.rolcanlogin THEN 'Cannot login' END,
           CASE WHEN r.rolreplication THEN 'Replication' END,
           CASE WHEN r.rolbypassrls THEN 'Bypass RLS' END], ', ') AS "Attributes",
       ARRAY(SELECT b.rolname FROM pg_catalog.pg_auth_members m
               JOIN pg_catalog.pg_roles b ON m.roleid = b.oid
              WHERE m.member = r.oid) AS "Member of"
  FROM pg_catalog.pg_roles r
 WHERE CASE WHEN $1::text IS NOT NULL THEN r.rolname ~ $1 ELSE r.rolname !~ '^pg_' END
 ORDER BY 1;
