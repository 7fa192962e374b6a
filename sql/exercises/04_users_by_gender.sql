-- title: Users by gender
-- order: any
-- hint: GROUP BY gender.
-- question: For each gender in users, how many users? Two columns: gender, users.
SELECT gender, COUNT(*) AS users FROM users GROUP BY gender;
