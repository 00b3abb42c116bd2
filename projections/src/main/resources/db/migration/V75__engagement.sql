-- Per-contact engagement (visit patterns and churn) and read times, maintained by the analytics-engagement
-- processing group. Days are UTC dates.
-- engagement_days: one row per contact and day the contact wrote (an "active day", a visit), with the day's first
-- and last message. Redelivered messages change nothing (least/greatest of the same instants).
CREATE TABLE engagement_days (
    organization_id VARCHAR(64) NOT NULL,
    contact_id      UUID        NOT NULL,
    day             DATE        NOT NULL,
    first_at        TIMESTAMPTZ NOT NULL,
    last_at         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organization_id, contact_id, day)
);

-- engagement_contacts: each contact's figures, recomputed from the contact's engagement_days on every message, so
-- the row is the same whatever order or how often the messages arrived. The average gap is
-- (last_day - first_day) / (active_days - 1); the current gap and the churn class depend on "now" and are
-- computed when asked. reads / last_read_at come from engagement_reads.
CREATE TABLE engagement_contacts (
    organization_id  VARCHAR(64) NOT NULL,
    contact_id       UUID        NOT NULL,
    first_message_at TIMESTAMPTZ NOT NULL,
    last_message_at  TIMESTAMPTZ NOT NULL,
    first_day        DATE        NOT NULL,
    last_day         DATE        NOT NULL,
    active_days      INTEGER     NOT NULL,
    longest_gap_days INTEGER,
    reads            INTEGER     NOT NULL DEFAULT 0,
    last_read_at     TIMESTAMPTZ,
    PRIMARY KEY (organization_id, contact_id)
);

-- engagement_reads: when contacts read the organization's messages (replies and broadcast messages), one row per
-- message read (read_key: 'reply:<replyId>' or 'broadcast:<recipientId>'), first report kept. Hours and weekdays
-- are taken at query time, in UTC or the zone asked for. An erased contact's reads stay without the contact.
CREATE TABLE engagement_reads (
    organization_id VARCHAR(64)  NOT NULL,
    read_key        VARCHAR(160) NOT NULL,
    contact_id      UUID,
    read_at         TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, read_key)
);
CREATE INDEX engagement_reads_contact ON engagement_reads (contact_id) WHERE contact_id IS NOT NULL;
