-- title: Plays by level
-- order: any
-- hint: songplays keeps the level the user had at the time of the play.
-- question: How many plays were made at each level (free, paid), by the level at the time of
-- question: the play? Two columns: level, plays.
SELECT level, COUNT(*) AS plays FROM songplays GROUP BY level;
