-- WhatsApp end users, one row per organization and phone number (E.164), maintained by the crm-contacts
-- processing group from conversation events. The id is a name-based UUID of organization and phone
-- (ContactIds), so other read tables can reference a contact without looking it up.
-- last_sequence is the conversation stream's sequence number of the last event applied: a contact has
-- exactly one conversation stream per organization, so it guards counters against redelivered events.
CREATE TABLE contacts (
    id                 UUID         PRIMARY KEY,
    organization_id    VARCHAR(64)  NOT NULL,
    phone              VARCHAR(20)  NOT NULL,
    name               TEXT,
    first_seen_at      TIMESTAMPTZ  NOT NULL,
    last_seen_at       TIMESTAMPTZ  NOT NULL,
    message_count      INTEGER      NOT NULL DEFAULT 0,
    conversation_count INTEGER      NOT NULL DEFAULT 0,
    last_sequence      BIGINT       NOT NULL,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    CONSTRAINT contacts_organization_phone UNIQUE (organization_id, phone)
);
CREATE INDEX contacts_organization_last_seen ON contacts (organization_id, last_seen_at DESC);
