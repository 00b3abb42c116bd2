-- The broadcast sender's own tables (command side: kept in step with the events in the same transaction, never
-- rebuilt by a replay, like the inbox and the outbound replies).

-- One row per broadcast: what to send, and where its sending stands. Written by the broadcast's events
-- (subscribing handler), so a start, a cancel or a schedule is seen by every instance as soon as it commits.
CREATE TABLE broadcast_runs (
    broadcast_id      VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    name              VARCHAR(200) NOT NULL,
    template_name     VARCHAR(512) NOT NULL,
    template_language VARCHAR(16)  NOT NULL,
    template_category VARCHAR(16)  NOT NULL,
    parameters        JSONB        NOT NULL,
    audience_id       VARCHAR(64),
    callback_data     VARCHAR(512),
    status            VARCHAR(16)  NOT NULL CONSTRAINT broadcast_runs_status
        CHECK (status IN ('draft', 'scheduled', 'sending', 'completed', 'cancelled')),
    send_at           TIMESTAMPTZ,
    price             BIGINT,
    tokens_reserved   BIGINT       NOT NULL DEFAULT 0,
    -- set once the reservation's rest was released (completed, or cancelled after it started)
    settled_at        TIMESTAMPTZ
);
CREATE INDEX broadcast_runs_due ON broadcast_runs (send_at) WHERE status = 'scheduled';
CREATE INDEX broadcast_runs_open ON broadcast_runs (broadcast_id) WHERE status IN ('sending', 'cancelled') AND settled_at IS NULL;

-- One row per recipient, written when the broadcast starts (the audience as it was then, in one transaction with
-- the reservation). pending: not yet an event; queued: RecipientQueued stored, waiting for a sender; then sent,
-- suppressed or failed. The number and parameters are needed only until the message is sent, and are cleared then.
CREATE TABLE broadcast_sends (
    recipient_id        VARCHAR(200) PRIMARY KEY,
    broadcast_id        VARCHAR(64)  NOT NULL,
    organization_id     VARCHAR(64)  NOT NULL,
    contact_id          UUID         NOT NULL,
    position            INTEGER      NOT NULL,
    phone               VARCHAR(20),
    parameters          JSONB,
    suppression         VARCHAR(32),
    status              VARCHAR(16)  NOT NULL CONSTRAINT broadcast_sends_status
        CHECK (status IN ('pending', 'queued', 'sent', 'suppressed', 'failed')),
    claimed_by          VARCHAR(64),
    claimed_until       TIMESTAMPTZ,
    not_before          TIMESTAMPTZ,
    attempts            INTEGER      NOT NULL DEFAULT 0,
    whatsapp_message_id VARCHAR(255),
    sent_at             TIMESTAMPTZ,
    -- whether this send's share of the reservation was captured (captures are batched per broadcast)
    captured            BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX broadcast_sends_pending ON broadcast_sends (broadcast_id, position) WHERE status = 'pending';
CREATE INDEX broadcast_sends_queued ON broadcast_sends (broadcast_id, position) WHERE status = 'queued';
CREATE INDEX broadcast_sends_uncaptured ON broadcast_sends (broadcast_id) WHERE status = 'sent' AND NOT captured;
CREATE INDEX broadcast_sends_wamid ON broadcast_sends (whatsapp_message_id) WHERE whatsapp_message_id IS NOT NULL;
CREATE INDEX broadcast_sends_contact_sent ON broadcast_sends (organization_id, contact_id, sent_at) WHERE status = 'sent';
