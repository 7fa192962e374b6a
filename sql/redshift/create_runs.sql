-- The warehouse's memory of its own pipeline (Amazon Redshift): one row per stage run, the S3
-- prefixes already loaded, and what incremental loads merge against. The same tables as
-- sql/postgres/create_runs.sql in Redshift's dialect:
-- * BIGINT IDENTITY(1,1) for run_id: Redshift has no GENERATED ALWAYS; the ids are unique but
--   may skip values, which a log does not mind (CREATE TABLE, "IDENTITY(seed, step)":
--   https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html).
-- * TIMESTAMPTZ holds an instant in UTC with microseconds (Datetime types:
--   https://docs.aws.amazon.com/redshift/latest/dg/r_Datetime_types.html).
-- * VARCHAR lengths are bytes: paths and S3 prefixes get 4096, free text 65535, the maximum
--   (Character types: https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html).
-- * Keys are informational only, so nothing here relies on them; the small log tables are
--   DISTSTYLE ALL (a copy on every node; "Distribution styles":
--   https://docs.aws.amazon.com/redshift/latest/dg/c_choosing_dist_sort.html).
-- * CHECK constraints are not supported, so the status values are dwh's to keep.
CREATE TABLE IF NOT EXISTS dwh_runs (
    run_id      BIGINT IDENTITY(1,1),
    stage       VARCHAR(64)      NOT NULL,
    started     TIMESTAMPTZ      NOT NULL,
    finished    TIMESTAMPTZ      NOT NULL,
    status      VARCHAR(16)      NOT NULL,
    mode        VARCHAR(16)      NOT NULL DEFAULT 'full',
    rows        BIGINT,
    input       VARCHAR(4096),
    files       BIGINT,
    bytes       BIGINT,
    bad         BIGINT,
    duration    DOUBLE PRECISION NOT NULL,
    dwh_version VARCHAR(32)      NOT NULL,
    db_user     VARCHAR(128)     NOT NULL,
    client      VARCHAR(512),
    -- what each figure counts (see sql/postgres/create_runs.sql); a log made by an older dwh
    -- gets them added by dwh, which looks in the catalog first (no ADD COLUMN IF NOT EXISTS)
    rows_read    BIGINT,
    rows_new     BIGINT,
    rows_changed BIGINT,
    rows_removed BIGINT,
    table_rows   BIGINT,
    error        VARCHAR(65535)
)
DISTSTYLE ALL
SORTKEY (finished);

CREATE TABLE IF NOT EXISTS dwh_files (
    stage     VARCHAR(64)   NOT NULL,
    path      VARCHAR(4096) NOT NULL,
    size      BIGINT        NOT NULL,
    mtime     TIMESTAMPTZ   NOT NULL,
    checksum  VARCHAR(64)   NOT NULL,
    rows      BIGINT,
    loaded    TIMESTAMPTZ   NOT NULL DEFAULT GETDATE(),
    run_id    BIGINT
)
DISTSTYLE ALL;

-- Plays and user events already merged (see sql/postgres/create_runs.sql). The play keys grow
-- with songplays, so they are distributed like it (EVEN) and sorted on ts, the key that
-- decides whether a new event is already loaded.
CREATE TABLE IF NOT EXISTS dwh_play_keys (
    ts              BIGINT      NOT NULL,
    user_id         VARCHAR(64) NOT NULL,
    session_id      INTEGER     NOT NULL,
    item_in_session INTEGER     NOT NULL
)
DISTSTYLE EVEN
SORTKEY (ts);

CREATE TABLE IF NOT EXISTS dwh_user_events (
    user_id         VARCHAR(64) NOT NULL,
    ts              BIGINT      NOT NULL,
    session_id      INTEGER     NOT NULL,
    item_in_session INTEGER     NOT NULL
)
DISTSTYLE ALL;

-- What `diff STAGE` compares (see sql/postgres/create_runs.sql): each successful run's snapshot
-- of its table, written in the run's transaction, the last two runs per stage kept; dims and
-- staging's files row by row in dwh_snap_rows, songplays and time per day in dwh_snap_days.
-- Small and read whole by `diff`, so DISTSTYLE ALL like the rest of the log ("Distribution
-- styles", above); dwh deletes the older runs' rows itself (DELETE, not TRUNCATE, which commits
-- the transaction it runs in: https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html).
-- BACKUP NO, Redshift's counterpart of PostgreSQL's UNLOGGED there: the snapshots are left out
-- of the cluster's snapshots, so a cluster restored from one has these tables empty (CREATE
-- TABLE, "BACKUP { YES | NO }": https://docs.aws.amazon.com/redshift/latest/dg/r_CREATE_TABLE_NEW.html)
-- — all three together, and `diff` then says no run has kept a snapshot, as after a crash on
-- PostgreSQL; a snapshot is only a copy of what the warehouse held, for `diff`.
CREATE TABLE IF NOT EXISTS dwh_snapshots (
    run_id BIGINT      NOT NULL,
    stage  VARCHAR(64) NOT NULL,
    rows   BIGINT      NOT NULL
)
BACKUP NO
DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS dwh_snap_rows (
    run_id BIGINT NOT NULL, key VARCHAR(4096), c1 VARCHAR(1024), c2 VARCHAR(1024),
    c3 VARCHAR(1024), c4 VARCHAR(1024), n1 DOUBLE PRECISION, n2 DOUBLE PRECISION
)
BACKUP NO
DISTSTYLE ALL;
CREATE TABLE IF NOT EXISTS dwh_snap_days (
    run_id BIGINT NOT NULL, day DATE, user_id VARCHAR(64), plays BIGINT, matched BIGINT,
    digest BIGINT
)
BACKUP NO
DISTSTYLE ALL;

-- The pipeline lock: a stage or load takes LOCK dwh_lock in its transaction, so a second one
-- is seen (SVV_TRANSACTIONS) and refused instead of waiting. Never read by queries or counts, so the
-- ACCESS EXCLUSIVE lock blocks nothing else (LOCK:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
CREATE TABLE IF NOT EXISTS dwh_lock (
    held BOOLEAN
)
DISTSTYLE ALL;
