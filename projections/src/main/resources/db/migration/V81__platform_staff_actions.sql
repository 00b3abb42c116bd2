-- What staff do (processing group analytics-platform): one row per DashboardActionTaken, keyed by the event's id so
-- a redelivered event or a rebuild writes the same row once. The action is the HTTP method and the route pattern.
CREATE TABLE platform_staff_actions (
    event_id        VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    staff_id        VARCHAR(64)  NOT NULL,
    action          VARCHAR(300) NOT NULL,
    at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX platform_staff_actions_organization ON platform_staff_actions (organization_id, at);
