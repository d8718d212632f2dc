-- Open i-Kfz store, schema version 3: the back office. Staff accounts (password as an Argon2id hash,
-- the TOTP secret of the second factor, lockout after failed logins) and a label per outbox message
-- (e.g. the kind of letter: not personal data) that stays when the payload is cleared on delivery.

CREATE TABLE staff_account (
    user_name      VARCHAR(60)              NOT NULL,
    display_name   VARCHAR(200)             NOT NULL,
    role           VARCHAR(20)              NOT NULL,
    authority_id   VARCHAR(40)              NOT NULL,
    password_hash  VARCHAR(300)             NOT NULL,
    totp_secret    VARCHAR(100)             NOT NULL,
    -- the last time step whose code was accepted: a code is used once (RFC 6238 § 5.2)
    last_totp_step BIGINT                   NOT NULL,
    failed_logins  INTEGER                  NOT NULL,
    locked_until   TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_staff_account PRIMARY KEY (user_name)
);

ALTER TABLE outbox ADD COLUMN label VARCHAR(100);
CREATE INDEX ix_outbox_destination ON outbox (destination, id);
