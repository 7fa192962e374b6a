-- \d NAME: what psql lists under a table's columns, one line each, grouped under headings in
-- psql's order: indexes (primary key first), check constraints, foreign keys, the foreign keys
-- of other tables that point here, and statistics objects (their kinds named only when some but
-- not all are on, as psql does; pg_get_statisticsobjdef_columns: PostgreSQL 14 or later).
-- Relation $2 in schema $1.
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
    UNION ALL
    SELECT 5, 'Statistics objects:', 0, sn.nspname || '.' || x.stxname,
           '"' || sn.nspname || '.' || x.stxname || '"'
           || CASE WHEN k.some AND NOT k.every
                   THEN ' (' || concat_ws(', ', CASE WHEN k.d THEN 'ndistinct' END,
                                          CASE WHEN k.f THEN 'dependencies' END,
                                          CASE WHEN k.m THEN 'mcv' END) || ')'
                   ELSE '' END
           || ' ON ' || pg_catalog.pg_get_statisticsobjdef_columns(x.oid)
           || ' FROM ' || x.stxrelid::pg_catalog.regclass::text
           || CASE WHEN x.stxstattarget IS NOT NULL AND x.stxstattarget <> -1
                   THEN '; STATISTICS ' || x.stxstattarget ELSE '' END
      FROM pg_catalog.pg_statistic_ext x
      JOIN pg_catalog.pg_namespace sn ON sn.oid = x.stxnamespace
     CROSS JOIN LATERAL (SELECT 'd' = ANY (x.stxkind) AS d, 'f' = ANY (x.stxkind) AS f,
                                'm' = ANY (x.stxkind) AS m) k0
     CROSS JOIN LATERAL (SELECT k0.d, k0.f, k0.m, k0.d OR k0.f OR k0.m AS some,
                                k0.d AND k0.f AND k0.m AS every) k
     WHERE x.stxrelid = (SELECT oid FROM rel)
) f
 ORDER BY part, rank, name;
