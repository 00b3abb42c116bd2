-- Custom funnels per organization: ordered journey step names and a conversion window. These are configuration
-- written by the dashboard API, not read tables built from events, so they live in their own schema where
-- rebuilding the read tables (truncate and replay) never reaches them. Built-in funnels need no rows; a row with a
-- built-in's key replaces it for that organization.
CREATE SCHEMA IF NOT EXISTS crm_config;

CREATE TABLE crm_config.funnel_definitions (
    organization_id          VARCHAR(64)  NOT NULL,
    funnel_key               VARCHAR(64)  NOT NULL,
    name                     TEXT         NOT NULL,
    steps                    TEXT[]       NOT NULL CONSTRAINT funnel_definitions_steps CHECK (cardinality(steps) >= 2),
    conversion_window_seconds BIGINT      NOT NULL CONSTRAINT funnel_definitions_window CHECK (conversion_window_seconds > 0),
    created_at               TIMESTAMPTZ  NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, funnel_key)
);
