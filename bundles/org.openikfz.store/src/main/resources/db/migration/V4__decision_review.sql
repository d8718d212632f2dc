-- Open i-Kfz store, schema version 4: the Vorbehalt der Nachprüfung (FZV § 23(3)). Every automated
-- decision is recorded (no personal data: procedure, reference, dates), with whether it was drawn for
-- review (at random, or selected by a supervisor) and the review's outcome; and the trace of how it
-- was reached: each check's outcome, its masked inputs, the rule and the version that decided. Both
-- are deleted with the log data after six months (§ 18(3)).

CREATE TABLE decision_record (
    application_id    UUID                     NOT NULL,
    procedure_id      VARCHAR(100)             NOT NULL,
    authority_id      VARCHAR(40)              NOT NULL,
    reference         VARCHAR(60)              NOT NULL,
    procedure_version VARCHAR(200),
    decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    effective_on      DATE,
    -- NONE, OPEN (drawn, not reviewed yet), CONFIRMED, REVOKED
    review_state      VARCHAR(20)              NOT NULL,
    drawn_by          VARCHAR(20),
    drawn_at          TIMESTAMP WITH TIME ZONE,
    reviewer          VARCHAR(60),
    reviewed_at       TIMESTAMP WITH TIME ZONE,
    review_note       VARCHAR(4000),
    CONSTRAINT pk_decision_record PRIMARY KEY (application_id)
);
CREATE INDEX ix_decision_record_authority ON decision_record (authority_id, decided_at);

CREATE TABLE decision_trace (
    application_id UUID                     NOT NULL,
    seq            INTEGER                  NOT NULL,
    step           VARCHAR(100)             NOT NULL,
    outcome        VARCHAR(20)              NOT NULL,
    inputs         VARCHAR(20000),
    established    VARCHAR(4000),
    rule           VARCHAR(4000),
    version        VARCHAR(200),
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_decision_trace PRIMARY KEY (application_id, seq)
);
CREATE INDEX ix_decision_trace_recorded ON decision_trace (recorded_at);
