-- title: How many plays?
-- order: any
-- hint: songplays has one row per NextSong event.
-- question: How many songs were played? Count the plays, matched to a song or not.
SELECT COUNT(*) FROM songplays;
