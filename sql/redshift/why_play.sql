-- why_play: the one play `why` asks about ($1 song, $2 artist, $3 length). cmd_why.c puts it
-- in place of unmatched.sql's first CTE (e, the plays), so that its reasons and their wording
-- are unmatched's own, over this one play. One row: k, reason, plays (1), an example.
SELECT CAST($1 AS VARCHAR(65535)) AS song, CAST($2 AS VARCHAR(65535)) AS artist,
       CAST($3 AS DOUBLE PRECISION) AS length, 1 AS n
