-- Open i-Kfz store, schema version 2: the audit trail becomes tamper-evident (FZV § 18(3), the KBA's
-- minimum security requirements). Every event carries a keyed hash (HMAC-SHA256, the key lies outside
-- the database) over its content and its predecessor's hash; audit_chain keeps where the chain starts
-- (after the § 18(3) deletions) and where it ends, so altering, inserting, or deleting events at the
-- start, in the middle or at the end is found by the verification (bin/openikfz audit-verify).

ALTER TABLE audit_event ADD COLUMN prev_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN entry_hash VARCHAR(64);

CREATE TABLE audit_chain (
    id          INTEGER     NOT NULL,
    -- events up to this id were written before the chain existed (schema version 1): not verifiable
    legacy_until BIGINT     NOT NULL,
    -- the hash the first kept event follows: 64 zeros at the start, the last deleted event's after a purge
    anchor_hash VARCHAR(64) NOT NULL,
    -- the newest event and its hash
    head_id     BIGINT,
    head_hash   VARCHAR(64) NOT NULL,
    CONSTRAINT pk_audit_chain PRIMARY KEY (id),
    CONSTRAINT ck_audit_chain_single CHECK (id = 1)
);
INSERT INTO audit_chain (id, legacy_until, anchor_hash, head_id, head_hash)
    SELECT 1, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000', NULL,
           '0000000000000000000000000000000000000000000000000000000000000000'
    FROM audit_event;
