-- \d NAME: what psql lists under a table's columns, one line each, grouped under headings in
-- psql's order: indexes (primary key first), check constraints, foreign keys, and the foreign
-- keys of other tables that point here. Relation $2 in schema $1.
WITH rel AS (
    SELECT c.oid FROM pg_catalog.pg_class c
      JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relname = $2)
SELECT heading, line FROM (
    SELECT 1 AS part, 'Indexes:' AS heading,
           CASE WHEN i.indisprimary THEN 0 ELSE 1 END AS rank, ic.relname::text AS name,
           '"' || ic.relname || '"'
           || CASE WHEN i.indisprimary THEN ' PRIMARY KEY,'
                   WHEN con.contype = 'u' THEN ' UNIQUE CONSTRAINT,'
                   WHEN i.indisunique THEN ' UNIQUE,' ELSE '' END
           || ' ' || substring(pg_catalog.pg_get_indexdef(i.indexrelid, 0, true) FROM ' USING (.*)$')
           || CASE WHEN i.indisclustered THEN ' CLUSTER' ELSE '' END
           || CASE WHEN NOT i.indisvalid THEN ' INVALID' ELSE '' END AS line
      FROM pg_catalog.pg_index i
      JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
      LEFT JOIN pg_catalog.pg_constraint con
             ON con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')
     WHERE i.indrelid = (SELECT oid FROM rel)
    UNION ALL
    SELECT 2, 'Check constraints:', 0, r.conname::text,
           '"' || r.conname || '" ' || pg_catalog.pg_get_constraintdef(r.oid, true)
      FROM pg_catalog.pg_constraint r
     WHERE r.conrelid = (SELECT oid FROM rel) AND r.contype = 'c'
    UNION ALL
    SELECT 3, 'Foreign-key constraints:', 0, r.conname::text,
           '"' || r.conname || '" ' || pg_catalog.pg_get_constraintdef(r.oid, true)
      FROM pg_catalog.pg_constraint r
     WHERE r.conrelid = (SELECT oid FROM rel) AND r.contype = 'f'
    UNION ALL
    SELECT 4, 'Referenced by:', 0, r.conname::text,
           'TABLE "' || r.conrelid::pg_catalog.regclass::text || '" CONSTRAINT "' || r.conname || '" '
           || pg_catalog.pg_get_constraintdef(r.oid, true)
      FROM pg_catalog.pg_constraint r
     WHERE r.confrelid = (SELECT oid FROM rel) AND r.contype = 'f'
) f
 ORDER BY part, rank, name;
