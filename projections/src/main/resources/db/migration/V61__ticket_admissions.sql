-- Tickets let in at their event's gates, maintained by the crm-events processing group: one row per ticket, since a
-- ticket is admitted once. staff_id: the member (or API key) that scanned it.
CREATE TABLE ticket_admissions (
    ticket_code     VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    ticket_type_id  VARCHAR(64)  NOT NULL,
    gate            VARCHAR(40)  NOT NULL,
    staff_id        VARCHAR(64)  NOT NULL,
    admitted_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX ticket_admissions_event_type ON ticket_admissions (event_id, ticket_type_id);

-- Gate staff: they check tickets in at an event's entrances (tickets:check-in) and see nothing else.
INSERT INTO roles (name, description) VALUES
    ('gate', 'Checks tickets in at an event''s entrances, and sees nothing else')
ON CONFLICT (name) DO NOTHING;
