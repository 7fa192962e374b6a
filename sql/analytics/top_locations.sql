-- Locations with the most plays, and how many listeners play from each
SELECT p.location, count(*) AS plays, count(DISTINCT p.user_id) AS listeners
FROM songplays p
WHERE p.location IS NOT NULL AND p.location <> ''
GROUP BY p.location
ORDER BY plays DESC, p.location
LIMIT 10;
