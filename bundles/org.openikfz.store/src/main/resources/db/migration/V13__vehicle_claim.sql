-- Open i-Kfz store, schema version 13: one application at a time per vehicle. An application claims its vehicle
-- (by FIN, plate and eVB number) when its verification passes; a second application for the same vehicle is refused
-- until the first has ended (aborted, or transferred to the register and completed), so the register is changed
-- once and by one decision. Only the identifiers' SHA-256 is kept; the claims go with the dialog data.
CREATE TABLE vehicle_claim (
    vehicle        VARCHAR(64)              NOT NULL PRIMARY KEY,
    application_id UUID                     NOT NULL,
    claimed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_vehicle_claim_application ON vehicle_claim (application_id);
