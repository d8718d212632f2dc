-- Open i-Kfz store, schema version 9: every application has its reference number (Aktenzeichen) from
-- the moment it is opened, not only once it is decided, so that the applicant can quote it and look
-- up the application's state on the status page. The status page asks for the reference and a code
-- the applicant was shown; only the code's SHA-256 is kept (status_hash). Neither is personal data.
-- A decision takes the application's reference. Applications decided before this version get their
-- decision's reference; those opened before and not decided get theirs when they are decided.
-- The unique index moves from decision_reference to reference (same values, one index to write).

ALTER TABLE application ADD COLUMN reference VARCHAR(40);
ALTER TABLE application ADD COLUMN status_hash VARCHAR(64);
UPDATE application SET reference = decision_reference WHERE decision_reference IS NOT NULL;
DROP INDEX ux_application_reference;
CREATE UNIQUE INDEX ux_application_case_reference ON application (reference);
