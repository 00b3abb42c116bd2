-- Ticketed events, their ticket types, reservations, issued tickets and participants, maintained by the
-- crm-events processing group. ticket_types.last_sequence is the event stream's sequence number of the last
-- event applied to the row, which guards the reserved/sold counters against redelivered events.
CREATE TABLE events (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    venue           TEXT,
    starts_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX events_organization_starts ON events (organization_id, starts_at);

CREATE TABLE ticket_types (
    event_id           VARCHAR(64)    NOT NULL,
    id                 VARCHAR(64)    NOT NULL,
    organization_id    VARCHAR(64)    NOT NULL,
    name               TEXT           NOT NULL,
    price              NUMERIC(14, 2) NOT NULL,
    currency           VARCHAR(3)     NOT NULL,
    quantity_available INTEGER        NOT NULL,
    quantity_reserved  INTEGER        NOT NULL DEFAULT 0,
    quantity_sold      INTEGER        NOT NULL DEFAULT 0,
    remaining          INTEGER        NOT NULL,
    sales_start        TIMESTAMPTZ,
    sales_end          TIMESTAMPTZ,
    last_sequence      BIGINT         NOT NULL,
    created_at         TIMESTAMPTZ    NOT NULL,
    updated_at         TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (event_id, id)
);
CREATE INDEX ticket_types_organization ON ticket_types (organization_id);

-- status: reserved, then issued, expired or cancelled.
CREATE TABLE ticket_reservations (
    id                VARCHAR(64)    PRIMARY KEY,
    organization_id   VARCHAR(64)    NOT NULL,
    event_id          VARCHAR(64)    NOT NULL,
    ticket_type_id    VARCHAR(64)    NOT NULL,
    contact_id        UUID           NOT NULL,
    contact_phone     VARCHAR(20)    NOT NULL,
    conversation_id   VARCHAR(128),
    quantity          INTEGER        NOT NULL,
    unit_price        NUMERIC(14, 2) NOT NULL,
    total             NUMERIC(14, 2) NOT NULL,
    currency          VARCHAR(3)     NOT NULL,
    status            VARCHAR(16)    NOT NULL CONSTRAINT ticket_reservations_status
        CHECK (status IN ('reserved', 'issued', 'expired', 'cancelled')),
    expires_at        TIMESTAMPTZ,
    payment_reference VARCHAR(255),
    cancel_reason     TEXT,
    created_at        TIMESTAMPTZ    NOT NULL,
    updated_at        TIMESTAMPTZ    NOT NULL
);
CREATE INDEX ticket_reservations_event_status ON ticket_reservations (event_id, status);
CREATE INDEX ticket_reservations_organization_created ON ticket_reservations (organization_id, created_at DESC);
CREATE INDEX ticket_reservations_contact ON ticket_reservations (contact_id);

-- One row per issued ticket code; price is the unit price the contact paid.
CREATE TABLE tickets (
    ticket_code       VARCHAR(64)    PRIMARY KEY,
    organization_id   VARCHAR(64)    NOT NULL,
    event_id          VARCHAR(64)    NOT NULL,
    ticket_type_id    VARCHAR(64)    NOT NULL,
    reservation_id    VARCHAR(64)    NOT NULL,
    contact_id        UUID           NOT NULL,
    contact_phone     VARCHAR(20)    NOT NULL,
    price             NUMERIC(14, 2) NOT NULL,
    currency          VARCHAR(3)     NOT NULL,
    payment_reference VARCHAR(255),
    status            VARCHAR(16)    NOT NULL DEFAULT 'valid',
    issued_at         TIMESTAMPTZ    NOT NULL
);
CREATE INDEX tickets_event_type ON tickets (event_id, ticket_type_id);
CREATE INDEX tickets_organization_issued ON tickets (organization_id, issued_at DESC);
CREATE INDEX tickets_contact ON tickets (contact_id);

CREATE TABLE participants (
    id              UUID         PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    contact_phone   VARCHAR(20)  NOT NULL,
    source          VARCHAR(64),
    registered_at   TIMESTAMPTZ  NOT NULL,
    CONSTRAINT participants_event_contact UNIQUE (event_id, contact_phone)
);
CREATE INDEX participants_organization_registered ON participants (organization_id, registered_at DESC);
CREATE INDEX participants_contact ON participants (contact_id);
