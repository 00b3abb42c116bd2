-- HypeCard templates, maintained by the crm-hypecards processing group: the layout (canvas, layers) as jsonb and
-- the variables a contact is asked for.
CREATE TABLE hypecard_templates (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    keyword         VARCHAR(30)  NOT NULL,
    layout          JSONB        NOT NULL,
    variables       TEXT[]       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    archived_at     TIMESTAMPTZ
);
CREATE INDEX hypecard_templates_organization ON hypecard_templates (organization_id, created_at DESC);
