-- Parts of signed webhook deliveries that can never be processed (a message without an id, a sender that is not
-- a WhatsApp id, a body that is JSON but no WhatsApp notification, ...). The delivery is still answered 200, so
-- Meta does not retry it for days; what could not be used is kept here for the platform operator to look at.
-- raw is bytea on purpose: a NUL character or a lone UTF-16 surrogate, the very things that make an item
-- unusable, cannot be stored in text or jsonb.
CREATE TABLE webhook_quarantine (
    id              BIGSERIAL    PRIMARY KEY,
    received_at     TIMESTAMPTZ  NOT NULL,
    organization_id VARCHAR(64),
    phone_number_id VARCHAR(255),
    kind            VARCHAR(16)  NOT NULL, -- message, status, change, delivery
    reason          VARCHAR(64)  NOT NULL,
    detail          TEXT         NOT NULL,
    raw             BYTEA        NOT NULL
);
CREATE INDEX webhook_quarantine_organization ON webhook_quarantine (organization_id, id);
CREATE INDEX webhook_quarantine_reason ON webhook_quarantine (reason, id);
