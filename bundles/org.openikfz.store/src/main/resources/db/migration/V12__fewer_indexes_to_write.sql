-- Open i-Kfz store, schema version 12: one index fewer to write. On H2 an INSERT or UPDATE changes a row
-- in every index of its table, and each commit writes every index page it changed, so each index of a
-- table written on every request costs a page path per commit: audit_event gets a row on every request.
-- Nothing reads audit_event by occurred_at: the purge (FZV § 18(3)) walks the chain from its start
-- (chain_pos) to the first event to keep, and events enter the chain in the order they occur.
-- (The outbox keeps its indexes: without (application_id, delivered_at), H2 looks up an application's
-- undelivered messages through (delivered_at, id), that is through all undelivered messages.)

DROP INDEX ix_audit_event_occurred;
