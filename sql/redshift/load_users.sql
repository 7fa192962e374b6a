-- load users (Redshift): one row per non-empty userId, with names, gender and level from the
-- user's most recent event (by ts) that has a level; among events with the same ts the later
-- session and item win. Input: staging_events. One transaction, idempotent.
-- Keys are not enforced on Redshift, so ROW_NUMBER is what makes user_id unique.
-- "Non-empty" is LENGTH(user_id) > 0, not user_id <> '': Redshift ignores trailing blanks when
-- it compares VARCHARs, so ' ' <> '' is false there and true on PostgreSQL, while LENGTH counts
-- the blanks on both (Character types, "Significance of trailing blanks":
-- docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html). A userId of ' ' is not the
-- logged-out "" and makes a user on both engines. The partition takes LENGTH too, so '7' and
-- '7 ' stay two users, as they are on PostgreSQL.
-- DELETE, not TRUNCATE. TRUNCATE "is much more efficient than DELETE and doesn't require a
-- VACUUM", but it "commits the transaction in which it is run" (TRUNCATE:
-- https://docs.aws.amazon.com/redshift/latest/dg/r_TRUNCATE.html): the table would be empty
-- for everyone before its new rows are in, a failed INSERT could not give the old rows back,
-- and the commit would end the transaction that holds LOCK dwh_lock. DELETE only marks the
-- rows, which stay on disk until a vacuum ("After deleting a large number of rows from a
-- table: Vacuum the table", DELETE: https://docs.aws.amazon.com/redshift/latest/dg/r_DELETE.html);
-- a dimension this small is not worth an outage for, and VACUUM DELETE ONLY can run later, alone.
BEGIN;
-- The pipeline lock first: a stage or another load waits for this transaction, or is refused
-- by the check before it (LOCK: https://docs.aws.amazon.com/redshift/latest/dg/r_LOCK.html).
LOCK dwh_lock;
DELETE FROM users;

INSERT INTO users (user_id, first_name, last_name, gender, level)
SELECT user_id, first_name, last_name, gender, level
FROM (
    SELECT user_id, first_name, last_name, gender, level,
           ROW_NUMBER() OVER (PARTITION BY user_id, LENGTH(user_id)
                              ORDER BY ts DESC NULLS LAST, session_id DESC NULLS LAST,
                                       item_in_session DESC NULLS LAST,
                                       level, first_name, last_name, gender) AS rn
    FROM staging_events
    WHERE LENGTH(user_id) > 0 AND level IS NOT NULL
) ranked
WHERE rn = 1;
COMMIT;
