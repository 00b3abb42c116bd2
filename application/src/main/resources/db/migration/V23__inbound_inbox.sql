-- Accepted webhook items waiting to be processed, when Kafka is not configured. A row is committed before
-- the webhook answers 200, so nothing Meta delivered is lost if the process dies right after.
-- Rows are spread over a fixed number of partitions by ordering key (organization + contact); one worker at
-- a time owns a partition (a transaction-level advisory lock), which keeps each contact's items in order.
CREATE TABLE inbound_inbox (
    id              BIGSERIAL    PRIMARY KEY,
    envelope_id     VARCHAR(64)  NOT NULL UNIQUE,
    organization_id VARCHAR(64)  NOT NULL,
    ordering_key    VARCHAR(300) NOT NULL,
    partition       INT          NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    dedupe_id       VARCHAR(300),
    item            JSONB        NOT NULL,
    accepted_at     TIMESTAMPTZ  NOT NULL,
    status          VARCHAR(16)  NOT NULL DEFAULT 'pending', -- pending, done, dead
    attempts        INT          NOT NULL DEFAULT 0,
    last_error      TEXT,
    next_attempt_at TIMESTAMPTZ,
    processed_at    TIMESTAMPTZ
);
CREATE INDEX inbound_inbox_pending ON inbound_inbox (partition, id) WHERE status = 'pending';
CREATE INDEX inbound_inbox_processed ON inbound_inbox (processed_at) WHERE status = 'done';
