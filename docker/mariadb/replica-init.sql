-- Runs once, on the replica's first start, after the entrypoint's CHANGE MASTER: follow the
-- primary by GTID (MASTER_USE_GTID=slave_pos, from its first transaction), explicitly rather than
-- by the server's default.
STOP SLAVE;
CHANGE MASTER TO MASTER_USE_GTID = slave_pos;
START SLAVE;
