-- Lookups the command side needs to decide (which survey a keyword starts, which tickets are left).
-- They are written in the same transaction as the events they follow, so a survey is usable the moment
-- it is published and a conversation never offers tickets the inventory has already sold.
CREATE TABLE survey_catalog (
    survey_id       VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    version         INT          NOT NULL,
    title           TEXT         NOT NULL,
    keywords        TEXT[]       NOT NULL,
    definition      JSONB        NOT NULL,
    archived        BOOLEAN      NOT NULL DEFAULT FALSE,
    published_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX survey_catalog_organization ON survey_catalog (organization_id, archived, published_at DESC);
CREATE INDEX survey_catalog_keywords ON survey_catalog USING GIN (keywords);

CREATE TABLE ticket_catalog_events (
    event_id        VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL,
    name            TEXT        NOT NULL,
    venue           TEXT,
    starts_at       TIMESTAMPTZ
);
CREATE INDEX ticket_catalog_events_organization ON ticket_catalog_events (organization_id, starts_at);

CREATE TABLE ticket_catalog_types (
    event_id           VARCHAR(64)    NOT NULL REFERENCES ticket_catalog_events (event_id),
    ticket_type_id     VARCHAR(64)    NOT NULL,
    name               TEXT           NOT NULL,
    price              NUMERIC(14, 2) NOT NULL,
    currency           CHAR(3)        NOT NULL,
    quantity_available INT            NOT NULL,
    remaining          INT            NOT NULL,
    sales_start        TIMESTAMPTZ,
    sales_end          TIMESTAMPTZ,
    position           INT            NOT NULL,
    PRIMARY KEY (event_id, ticket_type_id)
);

CREATE TABLE ticket_catalog_reservations (
    reservation_id  VARCHAR(64)    PRIMARY KEY,
    event_id        VARCHAR(64)    NOT NULL,
    organization_id VARCHAR(64)    NOT NULL,
    ticket_type_id  VARCHAR(64)    NOT NULL,
    conversation_id VARCHAR(255),
    contact_phone   VARCHAR(32)    NOT NULL,
    quantity        INT            NOT NULL,
    total           NUMERIC(14, 2) NOT NULL,
    currency        CHAR(3)        NOT NULL,
    status          VARCHAR(16)    NOT NULL
);
CREATE INDEX ticket_catalog_reservations_organization ON ticket_catalog_reservations (organization_id);
