-- Chat sessions: one row per session (id = sessionId) of a contact's conversation stream (stream_id).
-- current_state/current_module/state_data mirror the last StateChanged; status is active, expired or closed.
-- last_sequence is the stream sequence number of the last event applied, so redelivery never counts twice.
CREATE TABLE conversations (
    id                 VARCHAR(64)  PRIMARY KEY,
    organization_id    VARCHAR(64)  NOT NULL,
    stream_id          VARCHAR(128) NOT NULL,
    contact_id         UUID         NOT NULL,
    contact_phone      VARCHAR(20)  NOT NULL,
    profile_name       TEXT,
    current_state      VARCHAR(64)  NOT NULL DEFAULT 'idle',
    current_step       VARCHAR(128),
    current_module     VARCHAR(64),
    state_data         JSONB        NOT NULL DEFAULT '{}'::jsonb,
    status             VARCHAR(16)  NOT NULL DEFAULT 'active'
        CONSTRAINT conversations_status CHECK (status IN ('active', 'expired', 'closed')),
    started_at         TIMESTAMPTZ  NOT NULL,
    last_message_at    TIMESTAMPTZ,
    ended_at           TIMESTAMPTZ,
    end_reason         TEXT,
    message_count      INTEGER      NOT NULL DEFAULT 0,
    inbound_count      INTEGER      NOT NULL DEFAULT 0,
    outbound_count     INTEGER      NOT NULL DEFAULT 0,
    last_sequence      BIGINT       NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX conversations_organization_started ON conversations (organization_id, started_at DESC);
CREATE INDEX conversations_organization_status ON conversations (organization_id, status, last_message_at DESC);
CREATE INDEX conversations_contact ON conversations (contact_id, started_at DESC);
CREATE INDEX conversations_stream ON conversations (stream_id);
