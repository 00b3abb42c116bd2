-- Exhibitors as the command side needs them, kept in the exhibitors' events' own transactions (the command-catalogs
-- group): the booth codes the conversation looks a visit up by, each exhibitor's products for the visitor's pick,
-- and which members of the organization's team read which exhibitor's leads (checked on every leads request).
-- One booth code per event: the unique index refuses a second exhibitor with the code, whatever the race.
CREATE TABLE exhibitor_catalog (
    exhibitor_id    VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    company_name    TEXT         NOT NULL,
    booth_code      VARCHAR(10)  NOT NULL,
    added_at        TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX exhibitor_catalog_event_booth ON exhibitor_catalog (event_id, booth_code);
CREATE INDEX exhibitor_catalog_booth ON exhibitor_catalog (organization_id, booth_code);

CREATE TABLE exhibitor_product_catalog (
    exhibitor_id VARCHAR(64)  NOT NULL,
    product_id   VARCHAR(64)  NOT NULL,
    name         TEXT         NOT NULL,
    added_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (exhibitor_id, product_id)
);

CREATE TABLE exhibitor_staff (
    exhibitor_id    VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    PRIMARY KEY (exhibitor_id, user_id)
);
CREATE INDEX exhibitor_staff_user ON exhibitor_staff (organization_id, user_id);
