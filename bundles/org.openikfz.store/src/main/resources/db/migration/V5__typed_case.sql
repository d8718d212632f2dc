-- Open i-Kfz store, schema version 5: the case as typed state (engine v2). What the engine decides
-- with lives in columns of the application row, never in the audit trail (which becomes evidence
-- only): a version for compare-and-set on every state change, the access token's hash, the eID
-- login's state parameter, the verification's lease and the hash of the answers it checked, the fee
-- total and the payment, the decision and its dates, and when the housekeeping must next look at the
-- case (due_at: a window's end, a retention deadline). No personal data in these columns.

ALTER TABLE application ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE application ADD COLUMN procedure_version VARCHAR(200);
-- SHA-256 of the applicant's access token (the token itself is never stored)
ALTER TABLE application ADD COLUMN token_hash VARCHAR(64);
-- the state parameter of the running eID login (a random nonce, no secret on its own): the one-time code is redeemed only into this case
ALTER TABLE application ADD COLUMN eid_state VARCHAR(64);
ALTER TABLE application ADD COLUMN identified BOOLEAN DEFAULT FALSE NOT NULL;
-- while a verification runs (state VERIFYING), until when it may take; a crashed one is released after that
ALTER TABLE application ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
-- SHA-256 of the answers the last clear verification checked: payment and decision only for those
ALTER TABLE application ADD COLUMN verified_hash VARCHAR(64);
ALTER TABLE application ADD COLUMN fee_total DECIMAL(12, 2);
ALTER TABLE application ADD COLUMN payment_id VARCHAR(200);
ALTER TABLE application ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE application ADD COLUMN decision_reference VARCHAR(60);
ALTER TABLE application ADD COLUMN decided_automated BOOLEAN;
ALTER TABLE application ADD COLUMN decision_approved BOOLEAN;
ALTER TABLE application ADD COLUMN decided_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE application ADD COLUMN offered_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE application ADD COLUMN retrieved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE application ADD COLUMN mailed_on DATE;
ALTER TABLE application ADD COLUMN effective_on DATE;
ALTER TABLE application ADD COLUMN driving_allowed_until DATE;
-- when the housekeeping must look at the case next (NULL: never by the clock)
ALTER TABLE application ADD COLUMN due_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_application_due ON application (state, due_at);
CREATE UNIQUE INDEX ux_application_reference ON application (decision_reference);
CREATE INDEX ix_outbox_application_undelivered ON outbox (application_id, delivered_at);

-- decision references come from a sequence (unique), not from bits of a UUID
CREATE SEQUENCE decision_number START WITH 1 INCREMENT BY 1;

-- applications opened before this version: their token hash was in the OPENED event's detail
-- ("procedure=...;token=<64 hex>"); an open dialog continues after the upgrade
UPDATE application SET token_hash = (
    SELECT MAX(RIGHT(e.detail, 64)) FROM audit_event e
    WHERE e.application_id = application.id AND e.event_type = 'OPENED');
-- decided before this version: the automated decisions' references and dates from their records
UPDATE application SET decision_reference = (SELECT d.reference FROM decision_record d WHERE d.application_id = application.id),
    decided_at = (SELECT d.decided_at FROM decision_record d WHERE d.application_id = application.id),
    offered_until = (SELECT d.decided_at + INTERVAL '30' MINUTE FROM decision_record d WHERE d.application_id = application.id),
    effective_on = (SELECT d.effective_on FROM decision_record d WHERE d.application_id = application.id),
    decided_automated = TRUE, decision_approved = TRUE
    WHERE EXISTS (SELECT 1 FROM decision_record d WHERE d.application_id = application.id);
-- due now: the housekeeping looks at every case in a state it watches once and sets its next due time
UPDATE application SET due_at = updated_at WHERE state IN ('DIALOG', 'AWAITING_PAYMENT', 'DECIDED', 'ABORTED', 'CLERK_DECIDED');
