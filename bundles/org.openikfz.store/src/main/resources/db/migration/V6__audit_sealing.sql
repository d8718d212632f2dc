-- Open i-Kfz store, schema version 6: appending to the audit trail no longer serialises every
-- request on the chain's record (engine v2). A request inserts its events with a keyed MAC over
-- their content (event_mac: whoever writes to the database without the key cannot make one); a
-- sealer in the background links them into the hash chain in batches, each event's position in
-- the chain (chain_pos) and its chain hash as before (prev_hash, entry_hash). The verification
-- follows the chain by position. The chain's record knows the positions of its anchor (where the
-- § 18(3) deletions cut it) and its head; both are also written to a signed checkpoint file apart
-- from the database, so cutting the chain's end or start and rewriting this record is found.

ALTER TABLE audit_event ADD COLUMN event_mac VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN chain_pos BIGINT;
-- events already chained keep their order: their id is their position
UPDATE audit_event SET chain_pos = id WHERE entry_hash IS NOT NULL;
CREATE UNIQUE INDEX ux_audit_event_chain_pos ON audit_event (chain_pos);

ALTER TABLE audit_chain ADD COLUMN head_pos BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE audit_chain ADD COLUMN anchor_pos BIGINT DEFAULT 0 NOT NULL;
UPDATE audit_chain SET head_pos = COALESCE(head_id, 0),
    anchor_pos = COALESCE((SELECT MIN(chain_pos) - 1 FROM audit_event WHERE chain_pos IS NOT NULL), COALESCE(head_id, 0));

-- the housekeeping's one question when nothing may be due: what is due, all states at once; the
-- per-state index of version 5 is not asked any more (one index less to write with every change)
CREATE INDEX ix_application_due_at ON application (due_at);
DROP INDEX ix_application_due;
