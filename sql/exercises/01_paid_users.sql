-- title: How many paid users?
-- order: any
-- hint: users has one row per user, with the level of their latest event.
-- question: How many users are on the paid level now? One row, one number.
SELECT COUNT(*) FROM users WHERE level = 'paid';
