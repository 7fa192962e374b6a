-- Staging tables for PostgreSQL: one row per input object, nothing dropped.
-- UNLOGGED: staging is always reloadable from the JSON, so it skips the WAL.
-- autovacuum_enabled = false: every stage replaces the rows (COPY writes them frozen), and the
-- loads ANALYZE the columns they use, so autovacuum has nothing to do here but hold a lock the
-- next stage's TRUNCATE then waits for (up to deadlock_timeout, 1 s) before it gives way.
-- staging_events keeps the column order of log_json_path.json (Redshift maps JSONPaths by position).
-- The last two columns are where each row came from, filled by dwh as it streams the files
-- (`why` reads the line back from them): the file — an event's by its number in staging_files, a
-- song's by its path (a song file holds one song: a numbered row per file would cost as much as
-- the path, src/etl/lineage.c) — and src_line, the line the record starts on (a pretty-printed
-- record's first line). Redshift's COPY from S3 cannot add them, so its staging tables have none.
CREATE UNLOGGED TABLE IF NOT EXISTS staging_events (
    artist          text,
    auth            text,
    first_name      text,
    gender          text,
    item_in_session integer,
    last_name       text,
    length          double precision,
    level           text,
    location        text,
    method          text,
    page            text,
    registration    double precision,
    session_id      integer,
    song            text,
    status          integer,
    ts              bigint,
    user_agent      text,
    user_id         text,
    src_file        integer,
    src_line        integer
) WITH (autovacuum_enabled = false);

CREATE UNLOGGED TABLE IF NOT EXISTS staging_songs (
    num_songs        integer,
    artist_id        text,
    artist_latitude  double precision,
    artist_longitude double precision,
    artist_location  text,
    artist_name      text,
    song_id          text,
    title            text,
    duration         double precision,
    year             integer,
    src_path         text,
    src_line         integer
) WITH (autovacuum_enabled = false);

-- Staging tables made by an earlier dwh gain the two columns (the next stage fills them).
ALTER TABLE staging_events ADD COLUMN IF NOT EXISTS src_file integer,
                           ADD COLUMN IF NOT EXISTS src_line integer;
ALTER TABLE staging_songs  ADD COLUMN IF NOT EXISTS src_path text,
                           ADD COLUMN IF NOT EXISTS src_line integer;

-- The files staging_events' rows came from (src_file): the path, and the size and checksum the
-- file had when staged (as dwh_files writes them: "x" and XXH64's 16 hex digits), so `why` can
-- tell a file that changed since. Replaced with the table's rows by a stage, added to by
-- --append. Keyed by table: one table's rows are found without reading another's.
-- UNLOGGED as staging is (a crash empties both); autovacuum on, for the rows stages delete.
CREATE UNLOGGED TABLE IF NOT EXISTS staging_files (
    tbl       text    NOT NULL,
    file      integer NOT NULL,
    path      text    NOT NULL,
    size      bigint  NOT NULL,
    checksum  text    NOT NULL,
    PRIMARY KEY (tbl, file)
);

-- Bad records skipped by `stage --max-errors N`, as Redshift keeps STL_LOAD_ERRORS.
CREATE TABLE IF NOT EXISTS load_errors (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tbl        text        NOT NULL,
    file       text        NOT NULL,
    line       bigint      NOT NULL,
    col        text,
    reason     text        NOT NULL,
    raw        text,
    loaded_at  timestamptz NOT NULL DEFAULT now()
);
