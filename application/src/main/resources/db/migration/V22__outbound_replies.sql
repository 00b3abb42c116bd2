-- The reply dispatcher's own state: every reply the bot queued, in order, until WhatsApp has it.
-- A held reply (the wallet could not pay) blocks the replies queued after it in the same conversation,
-- so they go out in order once tokens are bought.
CREATE TABLE outbound_replies (
    sequence           BIGSERIAL    NOT NULL,
    reply_id           VARCHAR(64)  PRIMARY KEY,
    organization_id    VARCHAR(64)  NOT NULL,
    conversation_id    VARCHAR(255) NOT NULL,
    contact_phone      VARCHAR(32)  NOT NULL,
    module             VARCHAR(64)  NOT NULL,
    action             VARCHAR(64)  NOT NULL,
    reply              JSONB        NOT NULL,
    in_reply_to        VARCHAR(255),
    status             VARCHAR(16)  NOT NULL, -- pending, held, sent, failed
    tokens_charged     BIGINT       NOT NULL DEFAULT 0,
    whatsapp_message_id VARCHAR(255),
    error_code         INT,
    error_title        TEXT,
    attempts           INT          NOT NULL DEFAULT 0,
    queued_at          TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX outbound_replies_sequence ON outbound_replies (sequence);
CREATE INDEX outbound_replies_open ON outbound_replies (conversation_id, sequence) WHERE status IN ('pending', 'held');
CREATE INDEX outbound_replies_held_by_organization ON outbound_replies (organization_id, sequence) WHERE status = 'held';
CREATE INDEX outbound_replies_wamid ON outbound_replies (whatsapp_message_id);
