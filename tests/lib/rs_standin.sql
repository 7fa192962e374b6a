-- rs_standin.sql — a PostgreSQL database made to answer as Amazon Redshift where dwh can tell:
-- version() as a cluster's, and every system view and table dwh reads, with exactly the columns
-- and types of its page in the Database Developer Guide and that page's visibility. Written from
-- the documentation (/work/research/redshift-24.md, the pages named below), never from dwh's
-- SQL. Run by psql as a superuser with -v ROLE=the normal role the tests connect as.
--
-- Visibility ("Visibility of data in system tables and views",
-- https://docs.aws.amazon.com/redshift/latest/dg/cm_chap_system-tables.html#c_visibility-of-data):
-- * "visible only to superusers": the view is revoked from PUBLIC, so the normal role gets
--   "permission denied" as on a cluster;
-- * "visible to all users. Superusers can see all rows; regular users can see only their own
--   data": the view keeps the rows whose user id is the reader's, unless the reader is a
--   superuser.
-- The rows themselves live in schema rs_rows, one view per system view, empty until a test
-- replaces it (CREATE OR REPLACE VIEW rs_rows.NAME AS ...: PostgreSQL then insists on the same
-- column names and types, so a test cannot add a column Redshift does not have).
-- Redshift's user id of the reader is PG_USER.usesysid; here pg_roles.oid.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE SCHEMA rs_rows;
REVOKE ALL ON SCHEMA rs_rows FROM PUBLIC;

CREATE FUNCTION rs_rows.me() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT oid::integer FROM pg_roles WHERE rolname = current_user $$;
CREATE FUNCTION rs_rows.super() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT rolsuper FROM pg_roles WHERE rolname = current_user $$;

-- version(): https://docs.aws.amazon.com/redshift/latest/dg/r_VERSION.html
CREATE FUNCTION public.version() RETURNS text LANGUAGE sql AS
  $$ SELECT 'PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467'::text $$;
-- PG_LAST_QUERY_ID: https://docs.aws.amazon.com/redshift/latest/dg/PG_LAST_QUERY_ID.html
CREATE FUNCTION public.pg_last_query_id() RETURNS integer LANGUAGE sql AS $$ SELECT 150 $$;

-- STL_LOAD_ERRORS — visible to all, own rows
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_LOAD_ERRORS.html
CREATE VIEW rs_rows.stl_load_errors AS SELECT
  NULL::integer AS userid, NULL::integer AS slice, NULL::integer AS tbl,
  NULL::timestamp AS starttime, NULL::integer AS session, NULL::integer AS query,
  NULL::character(256) AS filename, NULL::bigint AS line_number, NULL::character(127) AS colname,
  NULL::character(10) AS type, NULL::character(10) AS col_length, NULL::integer AS position,
  NULL::character(1024) AS raw_line, NULL::character(1024) AS raw_field_value,
  NULL::integer AS err_code, NULL::character(100) AS err_reason WHERE false;
CREATE VIEW public.stl_load_errors AS SELECT * FROM rs_rows.stl_load_errors
  WHERE rs_rows.super() OR userid = rs_rows.me();

-- STV_LOAD_STATE — visible to all, own rows
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_LOAD_STATE.html
CREATE VIEW rs_rows.stv_load_state AS SELECT
  NULL::integer AS userid, NULL::integer AS session, NULL::integer AS query, NULL::integer AS slice,
  NULL::integer AS pid, NULL::timestamp AS recordtime, NULL::bigint AS bytes_to_load,
  NULL::bigint AS bytes_loaded, NULL::bigint AS bytes_to_load_compressed,
  NULL::bigint AS bytes_loaded_compressed, NULL::integer AS lines, NULL::integer AS num_files,
  NULL::integer AS num_files_complete, NULL::character(256) AS current_file,
  NULL::integer AS pct_complete WHERE false;
CREATE VIEW public.stv_load_state AS SELECT * FROM rs_rows.stv_load_state
  WHERE rs_rows.super() OR userid = rs_rows.me();

-- STV_TBL_PERM — "visible only to superusers"
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STV_TBL_PERM.html
CREATE VIEW public.stv_tbl_perm AS SELECT
  s.slice::integer AS slice, c.oid::integer AS id, c.relname::character(72) AS name,
  0::bigint AS rows, 0::bigint AS sorted_rows, 0::integer AS temp, 0::integer AS db_id,
  0::integer AS insert_pristine, 0::integer AS delete_pristine, 0::integer AS backup,
  0::integer AS dist_style, 0::integer AS block_count
  FROM pg_class c CROSS JOIN generate_series(0, 1) s(slice) WHERE c.relkind = 'r';

-- STL_QUERY — visible to all, own rows
-- https://docs.aws.amazon.com/redshift/latest/dg/r_STL_QUERY.html
CREATE VIEW rs_rows.stl_query AS SELECT
  NULL::integer AS userid, NULL::integer AS query, NULL::character(320) AS label,
  NULL::bigint AS xid, NULL::integer AS pid, NULL::character(32) AS database,
  NULL::character(4000) AS querytxt, NULL::timestamp AS starttime, NULL::timestamp AS endtime,
  NULL::integer AS aborted, NULL::integer AS insert_pristine,
  NULL::integer AS concurrency_scaling_status WHERE false;
CREATE VIEW public.stl_query AS SELECT * FROM rs_rows.stl_query
  WHERE rs_rows.super() OR userid = rs_rows.me();

-- SYS_LOAD_ERROR_DETAIL — visible to all, own rows
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_ERROR_DETAIL.html
CREATE VIEW rs_rows.sys_load_error_detail AS SELECT
  NULL::integer AS user_id, NULL::bigint AS query_id, NULL::bigint AS transaction_id,
  NULL::integer AS session_id, NULL::character(64) AS database_name, NULL::integer AS table_id,
  NULL::timestamp AS start_time, NULL::character(256) AS file_name, NULL::bigint AS line_number,
  NULL::character(127) AS column_name, NULL::character(10) AS column_type,
  NULL::character(10) AS column_length, NULL::integer AS position, NULL::integer AS error_code,
  NULL::character(512) AS error_message WHERE false;
CREATE VIEW public.sys_load_error_detail AS SELECT * FROM rs_rows.sys_load_error_detail
  WHERE rs_rows.super() OR user_id = rs_rows.me();

-- SYS_LOAD_DETAIL — visible to all, own rows: one row per file a COPY loaded
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_DETAIL.html
CREATE VIEW rs_rows.sys_load_detail AS SELECT
  NULL::integer AS user_id, NULL::integer AS query_id, NULL::character(256) AS file_name,
  NULL::integer AS bytes_scanned, NULL::integer AS lines_scanned, NULL::timestamp AS record_time,
  NULL::integer AS splits_scanned, NULL::timestamp AS start_time, NULL::timestamp AS end_time
  WHERE false;
CREATE VIEW public.sys_load_detail AS SELECT * FROM rs_rows.sys_load_detail
  WHERE rs_rows.super() OR user_id = rs_rows.me();

-- SYS_LOAD_HISTORY — visible to all, own rows
-- https://docs.aws.amazon.com/redshift/latest/dg/SYS_LOAD_HISTORY.html
CREATE VIEW rs_rows.sys_load_history AS SELECT
  NULL::integer AS user_id, NULL::bigint AS query_id, NULL::bigint AS transaction_id,
  NULL::integer AS session_id, NULL::text AS database_name, NULL::text AS status,
  NULL::text AS table_name, NULL::timestamp AS start_time, NULL::timestamp AS end_time,
  NULL::bigint AS duration, NULL::text AS data_source, NULL::text AS file_format,
  NULL::bigint AS loaded_rows, NULL::bigint AS loaded_bytes, NULL::integer AS source_file_count,
  NULL::bigint AS source_file_bytes, NULL::integer AS file_count_scanned,
  NULL::bigint AS file_bytes_scanned, NULL::bigint AS error_count, NULL::bigint AS copy_job_id
  WHERE false;
CREATE VIEW public.sys_load_history AS SELECT * FROM rs_rows.sys_load_history
  WHERE rs_rows.super() OR user_id = rs_rows.me();

-- SVV_TRANSACTIONS — the live page: "regular users can see only their own data"; the rows are
-- this server's real locks. https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TRANSACTIONS.html
CREATE VIEW public.svv_transactions AS SELECT
  a.usename::text AS txn_owner, a.datname::text AS txn_db, l.transactionid::text::bigint AS xid,
  l.pid::integer AS pid, a.xact_start::timestamp AS txn_start, l.mode::text AS lock_mode,
  l.locktype::text AS lockable_object_type, l.relation::integer AS relation,
  l.granted AS granted
  FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
  WHERE l.locktype IN ('relation', 'transactionid') AND a.datname = current_database()
    AND (rs_rows.super() OR a.usename = current_user);

-- SVV_TABLES — https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLES.html
CREATE VIEW public.svv_tables AS SELECT
  current_database()::text AS table_catalog, n.nspname::text AS table_schema,
  c.relname::text AS table_name,
  CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'BASE TABLE' END::text AS table_type,
  NULL::text AS remarks
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'v', 'p') AND n.nspname <> 'rs_rows';

-- SVV_COLUMNS — https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_COLUMNS.html
CREATE VIEW public.svv_columns AS SELECT
  table_catalog::text, table_schema::text, table_name::text, column_name::text,
  ordinal_position::integer, column_default::text, is_nullable::text, data_type::text,
  character_maximum_length::integer, numeric_precision::integer,
  numeric_precision_radix::integer, numeric_scale::integer, datetime_precision::integer,
  interval_type::text, interval_precision::text, character_set_catalog::text,
  character_set_schema::text, character_set_name::text, collation_catalog::text,
  collation_schema::text, collation_name::text, domain_name::text, NULL::text AS remarks
  FROM information_schema.columns WHERE table_schema <> 'rs_rows';

-- SVV_ALL_SCHEMAS — schema_owner is an integer, the owner's user id
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_ALL_SCHEMAS.html
CREATE VIEW public.svv_all_schemas AS SELECT
  current_database()::varchar(128) AS database_name, n.nspname::varchar(128) AS schema_name,
  n.nspowner::integer AS schema_owner, 'local'::varchar(128) AS schema_type,
  NULL::varchar(128) AS schema_acl, NULL::varchar(128) AS source_database,
  NULL::varchar(256) AS schema_option
  FROM pg_namespace n WHERE n.nspname <> 'rs_rows';

-- SVV_REDSHIFT_DATABASES — database_owner is an integer
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_DATABASES.html
CREATE VIEW public.svv_redshift_databases AS SELECT
  d.datname::varchar(128) AS database_name, d.datdba::integer AS database_owner,
  'local'::varchar(32) AS database_type, NULL::varchar(128) AS database_acl,
  NULL::varchar(128) AS database_options, 'Serializable'::varchar(128) AS database_isolation_level
  FROM pg_database d WHERE NOT d.datistemplate;

-- SVV_REDSHIFT_COLUMNS — every schema, with encoding and keys
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_REDSHIFT_COLUMNS.html
CREATE VIEW public.svv_redshift_columns AS SELECT
  current_database()::varchar(128) AS database_name, table_schema::varchar(128) AS schema_name,
  table_name::varchar(128), column_name::varchar(128), ordinal_position::integer,
  data_type::varchar(32), column_default::varchar(4000), is_nullable::varchar(3),
  'lzo'::varchar(128) AS encoding, false AS distkey, 0::integer AS sortkey,
  NULL::varchar(128) AS column_acl, NULL::varchar(256) AS remarks
  FROM information_schema.columns WHERE table_schema NOT IN ('rs_rows', 'pg_catalog', 'information_schema');

-- SVV_TABLE_INFO — "visible only to superusers"
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_TABLE_INFO.html
CREATE VIEW public.svv_table_info AS SELECT
  current_database()::text AS database, n.nspname::text AS schema, c.oid AS table_id,
  c.relname::text AS "table", 'Y'::text AS encoded, 'EVEN'::text AS diststyle,
  NULL::text AS sortkey1, 0::integer AS max_varchar, NULL::character(32) AS sortkey1_enc,
  0::integer AS sortkey_num, 1::bigint AS size, 0::numeric(10,4) AS pct_used,
  0::bigint AS empty, 0::numeric(5,2) AS unsorted, 0::numeric(5,2) AS stats_off,
  0::numeric(38,0) AS tbl_rows, 0::numeric(19,2) AS skew_sortkey1, 0::numeric(19,2) AS skew_rows
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r';

-- SVL_USER_INFO — "visible only to superusers"
-- https://docs.aws.amazon.com/redshift/latest/dg/r_SVL_USER_INFO.html
CREATE VIEW public.svl_user_info AS SELECT
  rolname::text AS usename, oid::integer AS usesysid, rolcreatedb AS usecreatedb,
  rolsuper AS usesuper, false AS usecatupd, rolconnlimit::text AS useconnlimit,
  'RESTRICTED'::text AS syslogaccess, NULL::timestamp AS last_ddl_ts,
  0::integer AS sessiontimeout, NULL::text AS external_id
  FROM pg_roles WHERE rolcanlogin;

-- PG_USER — PostgreSQL 8.0's "publicly readable view of pg_shadow that blanks out the password
-- field" (https://www.postgresql.org/docs/8.0/view-pg-user.html, which Redshift's PG_USER_INFO
-- page points to: https://docs.aws.amazon.com/redshift/latest/dg/pg_user_info.html); 8.0's
-- abstime valuntil is a timestamp here (abstime is gone from PostgreSQL).
CREATE VIEW public.pg_user AS SELECT
  rolname AS usename, oid::integer AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper,
  false AS usecatupd, '********'::text AS passwd, rolvaliduntil::timestamp AS valuntil,
  rolconfig AS useconfig
  FROM pg_roles WHERE rolcanlogin;

-- PG_TABLE_DEF — only the schemas on the search path
-- https://docs.aws.amazon.com/redshift/latest/dg/r_PG_TABLE_DEF.html
CREATE VIEW public.pg_table_def AS SELECT
  n.nspname AS schemaname, c.relname AS tablename, a.attname AS "column",
  format_type(a.atttypid, a.atttypmod) AS type, 'lzo'::character(32) AS encoding,
  false AS distkey, 0::integer AS sortkey, a.attnotnull AS notnull
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind = 'r'
    AND n.nspname = ANY (current_schemas(false));

-- PG_CLASS_INFO — PG_CLASS's columns, its oid called reloid, and two more
-- https://docs.aws.amazon.com/redshift/latest/dg/r_PG_CLASS_INFO.html
DO $$
DECLARE cols text;
BEGIN
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
    FROM pg_attribute WHERE attrelid = 'pg_catalog.pg_class'::regclass AND attnum > 0
      AND attname <> 'oid' AND NOT attisdropped;
  EXECUTE 'CREATE VIEW public.pg_class_info AS SELECT oid AS reloid, ' || cols ||
          ', NULL::timestamp AS relcreationtime, 0::integer AS releffectivediststyle FROM pg_catalog.pg_class';
END $$;

-- PG_PROC_INFO — PG_PROC's columns, its oid called prooid
-- https://docs.aws.amazon.com/redshift/latest/dg/r_PG_PROC_INFO.html
DO $$
DECLARE cols text;
BEGIN
  SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO cols
    FROM pg_attribute WHERE attrelid = 'pg_catalog.pg_proc'::regclass AND attnum > 0
      AND attname <> 'oid' AND NOT attisdropped;
  EXECUTE 'CREATE VIEW public.pg_proc_info AS SELECT oid AS prooid, ' || cols ||
          ' FROM pg_catalog.pg_proc';
END $$;

-- Superuser-only views: no SELECT for anyone else.
REVOKE ALL ON public.stv_tbl_perm, public.svv_table_info, public.svl_user_info FROM PUBLIC;
-- Every other system view: readable by all.
GRANT SELECT ON public.stl_load_errors, public.stv_load_state, public.stl_query,
  public.sys_load_error_detail, public.sys_load_detail, public.sys_load_history,
  public.svv_transactions,
  public.svv_tables, public.svv_columns, public.svv_all_schemas, public.svv_redshift_databases,
  public.svv_redshift_columns, public.pg_user, public.pg_table_def, public.pg_class_info,
  public.pg_proc_info TO PUBLIC;

-- The normal role owns the warehouse, as a cluster's pipeline user would.
GRANT CREATE, USAGE ON SCHEMA public TO :"ROLE";
