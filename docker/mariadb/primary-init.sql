-- Runs once, on the primary's first start, after the entrypoint created the database and users.
-- Binary-logged, so the replica gets the same grant: the API's lag check reads SHOW SLAVE STATUS
-- on the replica as `sbd`.
GRANT SLAVE MONITOR ON *.* TO 'sbd'@'%';
