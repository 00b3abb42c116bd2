-- Content programs as the command side needs them, kept in the events' own transactions (the command-catalogs
-- group): the program catalog a join keyword is looked up in, the items to send, and the roster of subscriptions
-- the delivery schedule walks.
CREATE TABLE program_catalog (
    program_id        VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    name              TEXT         NOT NULL,
    keyword           VARCHAR(30)  NOT NULL,
    frequency         VARCHAR(10)  NOT NULL,
    send_at           TIME         NOT NULL,
    day_of_week       VARCHAR(10),
    time_zone         VARCHAR(64)  NOT NULL,
    start_from        VARCHAR(10)  NOT NULL,
    reengage_template TEXT,
    created_at        TIMESTAMPTZ  NOT NULL,
    archived          BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX program_catalog_keyword ON program_catalog (organization_id, keyword) WHERE NOT archived;

CREATE TABLE program_item_catalog (
    program_id      VARCHAR(64) NOT NULL,
    item_id         VARCHAR(64) NOT NULL,
    content_type    VARCHAR(10) NOT NULL,
    body            TEXT,
    media_key       TEXT,
    poll_id         VARCHAR(64),
    sequence_number INT,
    scheduled_on    DATE,
    PRIMARY KEY (program_id, item_id)
);

-- One row per subscription; last_slot_date: the slot last delivered or found with nothing to send, so the schedule
-- looks at each subscription once per slot. opted_out: the contact opted out of marketing since (left at the next slot).
CREATE TABLE program_roster (
    subscription_id  VARCHAR(160) PRIMARY KEY,
    program_id       VARCHAR(64)  NOT NULL,
    organization_id  VARCHAR(64)  NOT NULL,
    contact_id       VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(160),
    active           BOOLEAN      NOT NULL,
    last_sequence    INT          NOT NULL,
    last_slot_date   DATE,
    subscribed_at    TIMESTAMPTZ  NOT NULL,
    opted_out        BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX program_roster_due ON program_roster (program_id, last_slot_date) WHERE active;
CREATE INDEX program_roster_contact ON program_roster (contact_id);
