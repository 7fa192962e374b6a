-- title: Plays with no song
-- order: any
-- hint: A play that matched no song has a NULL song_id; COUNT(column) skips NULLs.
-- question: How many plays could not be matched to a song? (The command `unmatched` says why.)
SELECT COUNT(*) FROM songplays WHERE song_id IS NULL;
