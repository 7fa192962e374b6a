-- The warehouse's memory of its own pipeline (PostgreSQL): one row per stage run, and the input
-- files already loaded, so the console, `step`, `history` and `status` read what happened from
-- the warehouse rather than from the process that did it, and `stage events --new` can tell a
-- new day of logs from one loaded before. Plain (logged) tables: unlike staging they must
-- survive a crash, since they are how dwh notices that staging did not.
CREATE TABLE IF NOT EXISTS dwh_runs (
    run_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stage       text             NOT NULL,      -- "stage events", "load songplays", "create"
    started     timestamptz      NOT NULL,
    finished    timestamptz      NOT NULL,
    status      text             NOT NULL CHECK (status IN ('done', 'failed', 'cancelled')),
    mode        text             NOT NULL DEFAULT 'full',  -- full, new, changed, append, incremental
    rows        bigint,                          -- rows of the stage's table it made or staged (older dwh)
    input       text,                            -- a path, an S3 prefix, or the tables read
    files       bigint,
    bytes       bigint,
    bad         bigint,                          -- bad records skipped (--max-errors)
    duration    double precision NOT NULL,       -- seconds
    dwh_version text             NOT NULL,
    db_user     text             NOT NULL DEFAULT current_user,
    client      text                             -- "pid 4711 on host h", who ran it
);
CREATE INDEX IF NOT EXISTS dwh_runs_stage ON dwh_runs (stage, finished);
-- What each figure counts (a log made by an older dwh gets these columns added in place; its
-- old rows keep NULL, "not recorded"): rows read (input objects for a stage of staging, the
-- input table's rows for a load), rows written (new, changed, removed), the table's rows after
-- the run (after a failure or Ctrl-C: the rows it kept), and a failed run's error.
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS rows_read    bigint;
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS rows_new     bigint;
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS rows_changed bigint;
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS rows_removed bigint;
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS table_rows   bigint;
ALTER TABLE dwh_runs ADD COLUMN IF NOT EXISTS error        text;

-- Input files loaded by a successful stage, by content: `--new` skips a file whose size and
-- modification time are unchanged; one that changed is compared by checksum (FNV-1a 64 of the
-- bytes, computed while they stream to the server, as 16 hex digits). A partition per stage:
-- `stage` replaces its songs' record (100,000 rows on the 1M set) by attaching the table the
-- songs' connection filled beside the events, instead of deleting and inserting them in the
-- transaction that publishes both (0.4 s that everything waited on; etl/incremental.c). A
-- log an older dwh made, with one plain table, is moved into these by runlog.c.
CREATE TABLE IF NOT EXISTS dwh_files (
    stage     text        NOT NULL,
    path      text        NOT NULL,
    size      bigint      NOT NULL,
    mtime     timestamptz NOT NULL,
    checksum  text        NOT NULL,
    rows      bigint,
    loaded    timestamptz NOT NULL DEFAULT now(),
    run_id    bigint,
    PRIMARY KEY (stage, path)
) PARTITION BY LIST (stage);
CREATE TABLE IF NOT EXISTS dwh_files_songs PARTITION OF dwh_files FOR VALUES IN ('stage songs');
CREATE TABLE IF NOT EXISTS dwh_files_events PARTITION OF dwh_files FOR VALUES IN ('stage events');
CREATE TABLE IF NOT EXISTS dwh_files_other PARTITION OF dwh_files DEFAULT;

-- What incremental loads need to merge a new day exactly as a full load would have built it:
-- the identity of every play already in songplays (ts, user_id, session_id, item_in_session;
-- songplays keeps no item_in_session), and for each user the event their row came from.
-- NULLs are stored as -1 / '' so the keys compare with plain equality.
CREATE TABLE IF NOT EXISTS dwh_play_keys (
    ts              bigint  NOT NULL,
    user_id         text    NOT NULL,
    session_id      integer NOT NULL,
    item_in_session integer NOT NULL
);
-- one row per play, duplicated log lines included, so not a key; a merge reads a span of ts
-- through a BRIN index (track_songplays.sql: why)
CREATE INDEX IF NOT EXISTS dwh_play_keys_ts ON dwh_play_keys USING brin (ts);
CREATE TABLE IF NOT EXISTS dwh_user_events (
    user_id         text    PRIMARY KEY,
    ts              bigint  NOT NULL,
    session_id      integer NOT NULL,
    item_in_session integer NOT NULL
);

-- What `diff STAGE` compares: a snapshot of the stage's table taken by each successful run, in
-- the run's own transaction (a rolled-back run leaves none), the last two runs per stage kept
-- (dwh deletes older ones as it takes a new one). dwh_snapshots lists the runs that have one,
-- so a run that made an empty table still counts. Two tables hold them, told apart by run_id
-- (each run is of one stage):
-- * dwh_snap_rows, row by row, so that a changed row shows each column old → new: users, songs
--   and artists (key: the table's key; c1..c4 its text columns, n1, n2 its numbers, copied as
--   they are, no cast to text) and a stage of staging's files as dwh_files records them after it
--   (key: path; c1: checksum; n1, n2: size, rows — exact in a double up to 2^53).
-- * dwh_snap_days, per day: songplays per day and user (plays, plays matched to a song, a digest
--   of the rows: the sum of each row's hash), time per day (user_id NULL; plays: the day's rows,
--   digest: of its start times). A digest tells a changed day without copying 775,336 rows per
--   run — copying them cost more than 5 % of a full run (bench/results.md).
-- Each run's rows are a partition of their own (dwh_snap_rows_run_12, made by the run, dropped
-- by the run after next: runlog.c), so dropping a snapshot reads nothing and leaves nothing for
-- vacuum to clean; as a DELETE it read all of dwh_snap_rows, the snapshots of every stage and
-- the rows deleted before, three or four times per `load all` (0.14-0.19 s each on the 1M set).
-- UNLOGGED, dwh_snapshots and every partition (no WAL: the snapshots cost about half as much to
-- write; a partitioned table holds no rows of its own and cannot be unlogged). Crash safety is
-- not needed: a snapshot is a copy of what the warehouse held, used only to answer `diff`; after
-- a crash PostgreSQL empties every unlogged table, these together (so no dwh_snapshots line ever
-- points at rows that are gone), and `diff` says no run has kept a snapshot until the stage has
-- run twice more; the emptied partitions are dropped by the next run. What must survive a crash
-- (dwh_runs, dwh_files, above) stays logged. No index: a snapshot is written in bulk in the
-- run's transaction and read whole by `diff`.
CREATE UNLOGGED TABLE IF NOT EXISTS dwh_snapshots (
    run_id bigint NOT NULL,
    stage  text   NOT NULL,
    rows   bigint NOT NULL,                      -- rows the snapshot holds
    PRIMARY KEY (stage, run_id)
);
CREATE TABLE IF NOT EXISTS dwh_snap_rows (
    run_id bigint NOT NULL, key text, c1 text, c2 text, c3 text, c4 text,
    n1 double precision, n2 double precision
) PARTITION BY LIST (run_id);
CREATE TABLE IF NOT EXISTS dwh_snap_days (
    run_id bigint NOT NULL, day date, user_id text, plays bigint, matched bigint, digest bigint
) PARTITION BY LIST (run_id);
-- Rows of a run with no partition of its own land here: an older dwh's, which inserts into
-- these tables and deletes what it prunes, so it keeps working on a log this one converted.
CREATE UNLOGGED TABLE IF NOT EXISTS dwh_snap_rows_any PARTITION OF dwh_snap_rows DEFAULT;
CREATE UNLOGGED TABLE IF NOT EXISTS dwh_snap_days_any PARTITION OF dwh_snap_days DEFAULT;
