-- Content programs as the dashboard reads them, maintained by the crm-engagement processing group and rebuilt by
-- replay like every read table. Contacts are named by the directory's opaque id only; an erased contact's
-- subscriptions and deliveries are deleted, while the counters (per item, per day, churn) are anonymous totals and
-- stay.
CREATE TABLE programs (
    id                VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    name              TEXT         NOT NULL,
    description       TEXT,
    frequency         VARCHAR(10)  NOT NULL,
    send_at           TIME         NOT NULL,
    day_of_week       VARCHAR(10),
    time_zone         VARCHAR(64)  NOT NULL,
    join_keyword      VARCHAR(30)  NOT NULL,
    start_from        VARCHAR(10)  NOT NULL,
    reengage_template TEXT,
    reengage_language TEXT,
    created_at        TIMESTAMPTZ  NOT NULL,
    archived_at       TIMESTAMPTZ,
    subscriber_count  INTEGER      NOT NULL DEFAULT 0
);
CREATE INDEX programs_organization_created ON programs (organization_id, created_at DESC, id DESC);

-- An item removed keeps its row (removed_at) and its counters: its deliveries happened.
CREATE TABLE content_items (
    id              VARCHAR(64)  NOT NULL,
    program_id      VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    content_type    VARCHAR(10)  NOT NULL,
    body            TEXT,
    media_key       TEXT,
    poll_id         VARCHAR(64),
    sequence_number INTEGER,
    scheduled_at    DATE,
    added_at        TIMESTAMPTZ  NOT NULL,
    removed_at      TIMESTAMPTZ,
    sent_count      INTEGER      NOT NULL DEFAULT 0,
    delivered_count INTEGER      NOT NULL DEFAULT 0,
    read_count      INTEGER      NOT NULL DEFAULT 0,
    failed_count    INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (program_id, id)
);

-- event_sequence: the subscription stream's sequence number of the last event applied, so a redelivered join or
-- leave is not counted twice.
CREATE TABLE program_subscriptions (
    id                 VARCHAR(160) PRIMARY KEY,
    program_id         VARCHAR(64)  NOT NULL,
    organization_id    VARCHAR(64)  NOT NULL,
    contact_id         UUID         NOT NULL,
    source             VARCHAR(10)  NOT NULL,
    status             VARCHAR(12)  NOT NULL CONSTRAINT program_subscriptions_status
        CHECK (status IN ('active', 'unsubscribed')),
    subscribed_at      TIMESTAMPTZ  NOT NULL,
    unsubscribed_at    TIMESTAMPTZ,
    unsubscribe_reason VARCHAR(20),
    last_sequence      INTEGER      NOT NULL,
    items_received     INTEGER      NOT NULL DEFAULT 0,
    event_sequence     BIGINT       NOT NULL
);
CREATE INDEX program_subscriptions_program ON program_subscriptions (program_id, subscribed_at DESC, id DESC);
CREATE INDEX program_subscriptions_contact ON program_subscriptions (contact_id);

-- One row per item sent to a subscriber, found by its reply's id when WhatsApp reports on it. delivered_at keeps a
-- delivery from counting as delivered twice when "failed" and then "read" arrive.
CREATE TABLE program_deliveries (
    reply_id        VARCHAR(255) PRIMARY KEY,
    subscription_id VARCHAR(160) NOT NULL,
    program_id      VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    item_id         VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    slot_date       DATE         NOT NULL,
    sent_at         TIMESTAMPTZ,
    delivered_at    TIMESTAMPTZ,
    status          VARCHAR(10)  NOT NULL CONSTRAINT program_deliveries_status
        CHECK (status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    status_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX program_deliveries_contact ON program_deliveries (contact_id);

-- Joins and leaves per program and day of the program's time zone; subscribers at the end of a day are the sum of
-- joins less leaves up to it.
CREATE TABLE program_subscriber_days (
    program_id      VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    day             DATE        NOT NULL,
    joins           INTEGER     NOT NULL DEFAULT 0,
    leaves          INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (program_id, day)
);

-- Leavers by the day they had joined and the whole days they stayed, so churn within any number of days is a sum.
CREATE TABLE program_churn (
    program_id      VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    joined_on       DATE        NOT NULL,
    days_stayed     INTEGER     NOT NULL,
    leavers         INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (program_id, joined_on, days_stayed)
);

-- A delivery's statuses in the order they overtake each other, as WhatsApp's reports do (failed is overtaken only
-- by read: the message arrived after all), so a late or repeated report never moves a delivery back.
CREATE FUNCTION program_delivery_rank(status TEXT) RETURNS INTEGER LANGUAGE SQL IMMUTABLE AS $$
    SELECT CASE status WHEN 'queued' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'failed' THEN 3
                       WHEN 'read' THEN 4 ELSE -1 END
$$;
