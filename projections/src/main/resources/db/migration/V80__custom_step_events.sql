-- Steps of organizations' step sets reached by contacts (the analytics-custom-steps group). One row per set, step
-- and event: the live projection and a backfill of the same set write the same rows, so their overlap counts once.
CREATE TABLE custom_step_events (
    organization_id VARCHAR(64)  NOT NULL,
    step_set        VARCHAR(64)  NOT NULL,
    step            VARCHAR(32)  NOT NULL,
    contact_id      UUID         NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (step_set, step, event_id)
);
-- Funnel entries (a funnel names a step as '<set>:<step>') and a contact's next step after a given time.
CREATE INDEX custom_step_events_funnel ON custom_step_events (organization_id, (step_set || ':' || step), occurred_at);
CREATE INDEX custom_step_events_contact ON custom_step_events
    (organization_id, contact_id, (step_set || ':' || step), occurred_at);
-- Replacing or deleting a set removes its rows.
CREATE INDEX custom_step_events_set ON custom_step_events (organization_id, step_set);
