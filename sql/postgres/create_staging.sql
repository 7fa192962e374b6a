-- Staging tables for PostgreSQL: one row per input object, nothing dropped.
-- UNLOGGED: staging is always reloadable from the JSON, so it skips the WAL.
-- autovacuum_enabled = false: every stage replaces the rows (COPY writes them frozen), and the
-- loads ANALYZE the columns they use, so autovacuum has nothing to do here but hold a lock the
-- next stage's TRUNCATE then waits for (up to deadlock_timeout, 1 s) before it gives way.
-- staging_events keeps the column order of log_json_path.json (Redshift maps JSONPaths by position).
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
    user_id         text
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
    year             integer
) WITH (autovacuum_enabled = false);

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
