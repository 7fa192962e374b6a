-- The snapshot `diff load songplays` compares: per day and user, the plays, those matched to a
-- song, and a digest of the rows — one pass over songplays and a few thousand rows written,
-- where copying its rows cost more than 5 % of a full run (bench/results.md). The digest is the
-- sum of each row's hash: songplay_id left out (a day loaded later is numbered later, which
-- changes no play) and user_id too (the group's key; a column less to hash). Any play added,
-- removed or changed in its time, song, artist, level, session, location or agent changes its
-- day's digest. A row's hash is its columns' own hashes XORed (a NULL as a constant of its own
-- per column): a fifth cheaper than hash_record of the row, which builds a record to take it
-- apart again (measured, the same pass: 0.26 s -> 0.20 s); it would not tell two columns'
-- values swapped, which no play's columns can be. The sum of an integer is a bigint, summed
-- without the numeric accumulator a bigint's sum takes. snapshot_songplays_new.sql hashes the
-- same way. $1: run_id.
-- A SELECT, whose rows dwh writes into dwh_snap_days (the columns by name) with COPY: PostgreSQL
-- plans no INSERT … SELECT in parallel, and this pass, read by two workers besides dwh's
-- backend, takes half the time (https://www.postgresql.org/docs/15/when-can-parallel-query-be-used.html).
-- The planner knows the number of days × users from the statistics create_star.sql makes.
SELECT CAST($1 AS bigint) AS run_id, CAST(start_time AS date) AS day, user_id,
       count(*) AS plays, count(song_id) AS matched,
       sum(timestamp_hash(start_time) # COALESCE(hashtext(level), 2) # COALESCE(hashtext(song_id), 3)
           # COALESCE(hashtext(artist_id), 4) # COALESCE(hashint4(session_id), 5)
           # COALESCE(hashtext(location), 6) # COALESCE(hashtext(user_agent), 7)) AS digest
FROM songplays
GROUP BY 2, 3
