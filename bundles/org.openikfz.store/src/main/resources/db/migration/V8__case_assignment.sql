-- Open i-Kfz store, schema version 8: a clerk takes a case ("mir zuweisen"), so that two clerks do
-- not work on the same case. One row per case someone holds; taking, handing over and giving back
-- are conditional writes on the holder, so of two clerks who take a case at once exactly one gets it.
-- No personal data of the applicant: the case's id and the staff member's user name.

CREATE TABLE case_assignment (
    application_id UUID                     NOT NULL,
    assigned_to    VARCHAR(60)              NOT NULL,
    assigned_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_case_assignment PRIMARY KEY (application_id),
    CONSTRAINT fk_case_assignment_application FOREIGN KEY (application_id) REFERENCES application (id)
);
