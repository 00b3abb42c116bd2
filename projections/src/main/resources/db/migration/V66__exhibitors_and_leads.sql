-- Exhibitors of events, their products and the leads their booths collect, maintained by the crm-events processing
-- group. A lead is one visitor of one exhibitor (id: exhibitor and contact), with the products that interest them
-- (lead_products) and their latest note; visits counts the times they said yes at the booth. Erasing a contact
-- deletes their leads.
CREATE TABLE exhibitors (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    company_name    TEXT         NOT NULL,
    booth_code      VARCHAR(10)  NOT NULL,
    description     TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX exhibitors_event ON exhibitors (organization_id, event_id);

CREATE TABLE exhibitor_products (
    exhibitor_id    VARCHAR(64)  NOT NULL,
    id              VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    description     TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (exhibitor_id, id)
);

CREATE TABLE leads (
    id              VARCHAR(160) PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    exhibitor_id    VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    contact_phone   VARCHAR(20),
    contact_name    TEXT,
    note            TEXT,
    visits          INTEGER      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ  NOT NULL,
    last_visit_at   TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX leads_exhibitor ON leads (exhibitor_id, created_at);
CREATE INDEX leads_event ON leads (organization_id, event_id, created_at);
CREATE INDEX leads_contact ON leads (contact_id);

CREATE TABLE lead_products (
    lead_id         VARCHAR(160) NOT NULL,
    product_id      VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    exhibitor_id    VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    product_name    TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (lead_id, product_id)
);
CREATE INDEX lead_products_contact ON lead_products (contact_id);

-- Exhibitor staff: they read and export the leads of the exhibitors they are assigned to, and see nothing else.
INSERT INTO roles (name, description) VALUES
    ('exhibitor', 'Reads and exports the leads of the exhibitors they are assigned to, and sees nothing else')
ON CONFLICT (name) DO NOTHING;
