-- Open i-Kfz store, schema version 7: several platform nodes on one database. A node claims the
-- outbox messages it is about to send (claimed_by: the node's id; claimed_until: when the claim
-- lapses), with one conditional UPDATE that takes only messages nobody holds or whose claim has
-- lapsed. So a message is sent by one node at a time, and a message of a node that died (kill -9,
-- power loss) is sent by another once its claim has lapsed. Nothing else changes: a message is
-- delivered when delivered_at is set, as before.

ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(100);
ALTER TABLE outbox ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
