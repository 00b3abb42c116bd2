-- Replies WhatsApp has taken, written in a transaction of their own the moment the Graph API answers, so a
-- dispatcher transaction that fails afterwards does not send the same reply twice when it is retried.
CREATE TABLE reply_handovers (
    reply_id            VARCHAR(64)  PRIMARY KEY,
    whatsapp_message_id VARCHAR(255) NOT NULL,
    handed_over_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
