-- title: Where people listen
-- order: matters
-- hint: songplays has a location per play; equal counts by location.
-- question: Which three locations have the most plays? Two columns: location, plays; the most
-- question: plays first, equal counts by location.
SELECT location, COUNT(*) AS plays
FROM songplays
GROUP BY location
ORDER BY plays DESC, location
LIMIT 3;
