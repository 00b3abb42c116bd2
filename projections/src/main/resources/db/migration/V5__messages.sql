-- Transcript: inbound messages (id = WhatsApp message id, status 'received') and the bot's replies
-- (id = reply id, wamid filled in once WhatsApp accepted it). Outbound statuses only move forward along
-- message_status_rank; every status keeps its own timestamp column, first time wins.
CREATE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE status
           WHEN 'received' THEN 0
           WHEN 'queued' THEN 1
           WHEN 'held' THEN 2
           WHEN 'sent' THEN 3
           WHEN 'delivered' THEN 4
           WHEN 'failed' THEN 5
           WHEN 'read' THEN 6
           ELSE -1 END
$$;

CREATE TABLE messages (
    id               VARCHAR(255) PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(64)  NOT NULL,
    stream_id        VARCHAR(128) NOT NULL,
    contact_id       UUID         NOT NULL,
    contact_phone    VARCHAR(20)  NOT NULL,
    direction        VARCHAR(8)   NOT NULL CONSTRAINT messages_direction CHECK (direction IN ('inbound', 'outbound')),
    type             VARCHAR(32),
    content          JSONB,
    context          JSONB,
    text             TEXT,
    wamid            VARCHAR(255),
    module           VARCHAR(64),
    action           VARCHAR(64),
    status           VARCHAR(16)  NOT NULL CONSTRAINT messages_status
        CHECK (status IN ('received', 'queued', 'held', 'sent', 'delivered', 'read', 'failed')),
    queued_at        TIMESTAMPTZ,
    held_at          TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    read_at          TIMESTAMPTZ,
    failed_at        TIMESTAMPTZ,
    hold_reason      TEXT,
    error_code       INTEGER,
    error_title      TEXT,
    tokens_charged   BIGINT,
    in_reply_to      VARCHAR(255),
    created_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, created_at);
CREATE INDEX messages_organization_created ON messages (organization_id, created_at DESC);
CREATE INDEX messages_contact ON messages (contact_id, created_at DESC);
CREATE INDEX messages_organization_status ON messages (organization_id, status);
CREATE INDEX messages_wamid ON messages (wamid) WHERE wamid IS NOT NULL;
