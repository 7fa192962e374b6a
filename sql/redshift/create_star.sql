-- The star schema for Amazon Redshift. Keys are declared for the planner but not enforced:
-- the load SQL deduplicates. songplays is distributed on song_id and sorted on start_time;
-- the small dimensions are copied to every node (DISTSTYLE ALL).
CREATE TABLE IF NOT EXISTS users (
    user_id    VARCHAR(64) SORTKEY NOT NULL PRIMARY KEY,
    first_name VARCHAR(256),
    last_name  VARCHAR(256),
    gender     VARCHAR(8),
    level      VARCHAR(16) NOT NULL
)
DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS songs (
    song_id   VARCHAR(64)   SORTKEY NOT NULL PRIMARY KEY,
    title     VARCHAR(1024) NOT NULL,
    artist_id VARCHAR(64)   NOT NULL,
    year      INTEGER,
    duration  DOUBLE PRECISION
)
DISTKEY (song_id);

CREATE TABLE IF NOT EXISTS artists (
    artist_id VARCHAR(64)   SORTKEY NOT NULL PRIMARY KEY,
    name      VARCHAR(1024) NOT NULL,
    location  VARCHAR(1024),
    latitude  DOUBLE PRECISION,
    longitude DOUBLE PRECISION
)
DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS time (
    start_time TIMESTAMP SORTKEY NOT NULL PRIMARY KEY,
    hour       SMALLINT  NOT NULL,
    day        SMALLINT  NOT NULL,
    week       SMALLINT  NOT NULL,
    month      SMALLINT  NOT NULL,
    year       SMALLINT  NOT NULL,
    weekday    SMALLINT  NOT NULL
)
DISTSTYLE ALL;

CREATE TABLE IF NOT EXISTS songplays (
    songplay_id BIGINT IDENTITY(0,1) PRIMARY KEY,
    start_time  TIMESTAMP SORTKEY NOT NULL,
    user_id     VARCHAR(64) NOT NULL,
    level       VARCHAR(16),
    song_id     VARCHAR(64) DISTKEY,
    artist_id   VARCHAR(64),
    session_id  INTEGER,
    location    VARCHAR(1024),
    user_agent  VARCHAR(1024)
);
