#!/usr/bin/env bash
# create / drop / counts on a real server: the exact tables and columns, in order.
. "$(dirname "$0")/lib/lib.sh"
t_newdb

out=$(dwht -c create -c counts 2>&1); rc=$?
t_eq "create + counts exit" "$rc" 0
t_has "counts lists staging_events with 0" "$out" " staging_events |    0"
t_has "counts lists time with 0" "$out" " time           |    0"
t_eq "counts has 7 tables" "$(dwht --csv -c counts | tail -n +2 | wc -l)" 7

cols() { sqlv "SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema='public' AND table_name='$1'"; }
t_eq "staging_events columns (log_json_path order, then the source file and line)" "$(cols staging_events)" \
 "artist:text,auth:text,first_name:text,gender:text,item_in_session:integer,last_name:text,length:double precision,level:text,location:text,method:text,page:text,registration:double precision,session_id:integer,song:text,status:integer,ts:bigint,user_agent:text,user_id:text,src_file:integer,src_line:integer"
t_eq "staging_songs columns" "$(cols staging_songs)" \
 "num_songs:integer,artist_id:text,artist_latitude:double precision,artist_longitude:double precision,artist_location:text,artist_name:text,song_id:text,title:text,duration:double precision,year:integer,src_path:text,src_line:integer"
t_eq "songplays columns" "$(cols songplays)" \
 "songplay_id:bigint,start_time:timestamp without time zone,user_id:text,level:text,song_id:text,artist_id:text,session_id:integer,location:text,user_agent:text"
t_eq "users columns" "$(cols users)" "user_id:text,first_name:text,last_name:text,gender:text,level:text"
t_eq "songs columns" "$(cols songs)" "song_id:text,title:text,artist_id:text,year:integer,duration:double precision"
t_eq "artists columns" "$(cols artists)" "artist_id:text,name:text,location:text,latitude:double precision,longitude:double precision"
t_eq "time columns" "$(cols time)" "start_time:timestamp without time zone,hour:smallint,day:smallint,week:smallint,month:smallint,year:smallint,weekday:smallint"
t_eq "primary keys" "$(sqlv "SELECT string_agg(tc.table_name || '.' || kcu.column_name, ',' ORDER BY tc.table_name) FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu USING (constraint_name, table_schema) WHERE tc.constraint_type='PRIMARY KEY' AND tc.table_schema='public' AND tc.table_name NOT IN ('load_errors', 'staging_files') AND tc.table_name NOT LIKE 'dwh\\_%'")" \
 "artists.artist_id,songplays.songplay_id,songs.song_id,time.start_time,users.user_id"
# songplay_id is a plain bigint that load_songplays.sql numbers 1..N with ROW_NUMBER() (the same
# ids as on Redshift, whose IDENTITY skips values for INSERT ... SELECT); not an identity column
t_eq "songplay_id is a plain bigint, numbered by the load" "$(sqlv "SELECT is_identity || ' ' || data_type FROM information_schema.columns WHERE table_name='songplays' AND column_name='songplay_id'")" "NO bigint"
t_eq "staging tables and diff's snapshot list are the unlogged ones" "$(sqlv "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relpersistence='u' AND relkind='r'")" "dwh_snap_days_any,dwh_snap_rows_any,dwh_snapshots,staging_events,staging_files,staging_songs"
t_eq "diff's snapshots: a partition per run, none before a run (a default for an older dwh's rows); dwh_files one per stage" "$(sqlv "SELECT string_agg(relname, ',' ORDER BY relname) FROM pg_class WHERE relkind='p'") $(sqlv "SELECT string_agg(inhrelid::regclass::text, ',' ORDER BY inhrelid::regclass::text) FROM pg_inherits WHERE inhparent IN ('dwh_snap_rows'::regclass, 'dwh_snap_days'::regclass)") $(sqlv "SELECT string_agg(inhrelid::regclass::text, ',' ORDER BY inhrelid::regclass::text) FROM pg_inherits WHERE inhparent = 'dwh_files'::regclass")" "dwh_files,dwh_snap_days,dwh_snap_rows dwh_snap_days_any,dwh_snap_rows_any dwh_files_events,dwh_files_other,dwh_files_songs"

sqlv "INSERT INTO users VALUES ('7', 'A', 'B', 'F', 'free')" >/dev/null
t_rc "create again keeps data (exit 0)" 0 dwht -c create
# create on a log an older dwh made (a plain dwh_files): brought to this one's form, not refused
sqlv "DROP TABLE dwh_files; CREATE TABLE dwh_files (stage text NOT NULL, path text NOT NULL, size bigint NOT NULL,
      mtime timestamptz NOT NULL, checksum text NOT NULL, rows bigint, loaded timestamptz NOT NULL DEFAULT now(),
      run_id bigint, PRIMARY KEY (stage, path)); INSERT INTO dwh_files (stage, path, size, mtime, checksum) VALUES ('stage songs', '/x.json', 1, now(), 'c')" >/dev/null
t_rc "create on an older dwh's run log" 0 dwht -c create
t_eq "... its dwh_files partitioned, the row kept" "$(sqlv "SELECT relkind FROM pg_class WHERE relname = 'dwh_files'") $(sqlv "SELECT count(*) FROM dwh_files_songs WHERE path = '/x.json'")" "p 1"
t_eq "create again kept the row" "$(sqlv 'SELECT count(*) FROM users')" 1
t_eq "counts shows the row" "$(dwht --csv -c counts | grep '^users,')" "users,1"

t_rc "drop staging" 0 dwht --yes -c 'drop staging'
t_eq "staging gone, star kept" "$(sqlv "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public' AND table_name NOT LIKE 'dwh\\_%'")" "artists,songplays,songs,time,users"
t_eq "the run log kept too" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_schema='public' AND table_name = 'dwh_runs'")" 1
out=$(dwht -c counts)
t_has "counts shows - for a missing table" "$out" " staging_events |    -"
t_rc "drop (IF EXISTS) twice is fine" 0 dwht --yes -c drop -c drop
t_eq "no tables left" "$(sqlv "SELECT count(*) FROM information_schema.tables WHERE table_schema='public'")" 0
t_rc "create star alone" 0 dwht -c 'create star'
t_eq "only the star schema" "$(sqlv "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema='public'")" "artists,songplays,songs,time,users"
t_rc "create with a bad part fails (exit 1)" 1 dwht -c 'create everything'
t_has "and says how to use it" "$(cat "$T_TMP/err")" "usage: create [staging|star]"

# `create` that cannot read its DDL (DWH_SQLDIR a folder without it) says so, on a database
# with no run log too (looking for the log once cleared the error: "command failed")
t_newdb tschema_nosql
mkdir -p "$T_TMP/nosql"
t_rc "create without its DDL fails" 1 env DWH_SQLDIR="$T_TMP/nosql" "$DWH" -h "$T_HOST" -p "$T_PORT" -U "$T_USER" -d "$T_DB" -c create
t_has "  and says why" "$(cat "$T_TMP/err")" "$T_TMP/nosql/postgres/create_staging.sql: No such file or directory"
