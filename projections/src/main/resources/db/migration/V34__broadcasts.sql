-- Broadcasts (mass template sends) and their recipients, one row per broadcast and contact, as the CRM database
-- guide names them. Maintained by the crm-broadcasts processing group; rebuilt by replay like every read table.
CREATE TABLE broadcasts (
    id                VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    name              VARCHAR(200) NOT NULL,
    template_name     VARCHAR(512) NOT NULL,
    template_language VARCHAR(16)  NOT NULL,
    template_category VARCHAR(16)  NOT NULL,
    audience_id       VARCHAR(64),
    callback_data     VARCHAR(512),
    status            VARCHAR(16)  NOT NULL CONSTRAINT broadcasts_status
        CHECK (status IN ('draft', 'scheduled', 'sending', 'completed', 'cancelled')),
    scheduled_at      TIMESTAMPTZ,
    started_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    cancelled_at      TIMESTAMPTZ,
    cancel_reason     TEXT,
    recipients        INTEGER      NOT NULL DEFAULT 0,
    suppressed        INTEGER      NOT NULL DEFAULT 0,
    reservation_id    VARCHAR(64),
    tokens_reserved   BIGINT       NOT NULL DEFAULT 0,
    tokens_captured   BIGINT       NOT NULL DEFAULT 0,
    tokens_released   BIGINT       NOT NULL DEFAULT 0,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX broadcasts_organization_created ON broadcasts (organization_id, created_at DESC);

CREATE TABLE broadcast_recipients (
    id                 VARCHAR(200) PRIMARY KEY,
    broadcast_id       VARCHAR(64)  NOT NULL,
    organization_id    VARCHAR(64)  NOT NULL,
    contact_id         UUID         NOT NULL,
    contact_phone      VARCHAR(20),
    status             VARCHAR(16)  NOT NULL CONSTRAINT broadcast_recipients_status
        CHECK (status IN ('queued', 'suppressed', 'sent', 'delivered', 'read', 'failed')),
    suppression_reason VARCHAR(32),
    wamid              VARCHAR(255),
    tokens_captured    BIGINT       NOT NULL DEFAULT 0,
    tokens_refunded    BIGINT       NOT NULL DEFAULT 0,
    error_code         INTEGER,
    error_title        TEXT,
    queued_at          TIMESTAMPTZ  NOT NULL,
    sent_at            TIMESTAMPTZ,
    delivered_at       TIMESTAMPTZ,
    read_at            TIMESTAMPTZ,
    failed_at          TIMESTAMPTZ,
    replied_at         TIMESTAMPTZ
);
CREATE INDEX broadcast_recipients_broadcast_status ON broadcast_recipients (broadcast_id, status);
CREATE INDEX broadcast_recipients_contact ON broadcast_recipients (contact_id);
CREATE INDEX broadcast_recipients_wamid ON broadcast_recipients (wamid) WHERE wamid IS NOT NULL;

-- A recipient's stages in the order they overtake each other, so a redelivered older event never moves a row back
-- (failed is overtaken only by read: the message arrived after all).
CREATE FUNCTION broadcast_recipient_rank(status TEXT) RETURNS INTEGER LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE status WHEN 'queued' THEN 0 WHEN 'suppressed' THEN 1 WHEN 'sent' THEN 2 WHEN 'delivered' THEN 3
                       WHEN 'failed' THEN 4 WHEN 'read' THEN 5 ELSE -1 END
$$;
