-- Staging tables for Amazon Redshift. VARCHAR lengths are bytes and UTF-8 names exceed 256,
-- so text columns are wide ("Character types": docs.aws.amazon.com/redshift/latest/dg/
-- r_Character_types.html). staging_events keeps the order of log_json_path.json, because
-- COPY ... FORMAT AS JSON 's3://.../log_json_path.json' maps the JSONPaths by position ("COPY
-- from JSON format": docs.aws.amazon.com/redshift/latest/dg/copy-usage_notes-copy-from-json.html).
-- DISTSTYLE EVEN: staging is scanned whole by every load and joined on nothing that a key
-- would co-locate ("Distribution styles": docs.aws.amazon.com/redshift/latest/dg/
-- c_choosing_dist_sort.html).
CREATE TABLE IF NOT EXISTS staging_events (
    artist          VARCHAR(1024),
    auth            VARCHAR(32),
    first_name      VARCHAR(256),
    gender          VARCHAR(8),
    item_in_session INTEGER,
    last_name       VARCHAR(256),
    length          DOUBLE PRECISION,
    level           VARCHAR(16),
    location        VARCHAR(1024),
    method          VARCHAR(16),
    page            VARCHAR(64),
    registration    DOUBLE PRECISION,
    session_id      INTEGER,
    song            VARCHAR(1024),
    status          INTEGER,
    ts              BIGINT,
    user_agent      VARCHAR(1024),
    user_id         VARCHAR(64)
)
DISTSTYLE EVEN;

CREATE TABLE IF NOT EXISTS staging_songs (
    num_songs        INTEGER,
    artist_id        VARCHAR(64),
    artist_latitude  DOUBLE PRECISION,
    artist_longitude DOUBLE PRECISION,
    artist_location  VARCHAR(1024),
    artist_name      VARCHAR(1024),
    song_id          VARCHAR(64),
    title            VARCHAR(1024),
    duration         DOUBLE PRECISION,
    year             INTEGER
)
DISTSTYLE EVEN;

-- The pipeline lock's table, made with staging because every stage LOCKs it (stage_*.sql) and a
-- warehouse may be made part by part (`create staging`); sql/redshift/create_runs.sql makes it
-- too, for a warehouse made before. Nothing reads it, so its ACCESS EXCLUSIVE lock blocks
-- nothing else (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
CREATE TABLE IF NOT EXISTS dwh_lock (
    held BOOLEAN
)
DISTSTYLE ALL;
