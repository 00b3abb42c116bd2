-- The steps each contact reaches (first message, menu opened, survey started, question answered, ticket flow
-- entered, reserved, paid, ...), one row per domain event and step, maintained by the analytics-journey
-- processing group. Funnels are not stored anywhere: they are computed from this table when asked for, so a new
-- or changed funnel definition applies to the whole history at once.
--   subject:   what the step is about (survey id, ticketed event id), when anything
--   detail:    finer detail (question id, reservation id, ticket type), when anything
--   reference: the response, reservation or session the step belongs to
--   source:    how the contact got there (ad:<id>, keyword:<word>, menu, a survey's source), when known
-- event_id + step is the key: a redelivered event finds its row and changes nothing.
CREATE TABLE journey_events (
    event_id        VARCHAR(64)  NOT NULL,
    step            VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    contact_phone   VARCHAR(20)  NOT NULL,
    subject         VARCHAR(128),
    detail          VARCHAR(128),
    reference       VARCHAR(128),
    source          VARCHAR(128),
    occurred_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (event_id, step)
);
-- A contact's first message is recorded once, whatever the number of sessions.
CREATE UNIQUE INDEX journey_events_first_message ON journey_events (organization_id, contact_id)
    WHERE step = 'first_message';
-- Funnel entries: organization, step and time range.
CREATE INDEX journey_events_org_step_time ON journey_events (organization_id, step, occurred_at);
-- A contact's next step after a given time (funnel conversion, first-touch source and cohort lookups).
CREATE INDEX journey_events_contact_step_time ON journey_events (organization_id, contact_id, step, occurred_at);
-- Survey and ticketed-event funnels: the steps about one survey or event.
CREATE INDEX journey_events_org_subject_step ON journey_events (organization_id, subject, step, occurred_at)
    WHERE subject IS NOT NULL;
-- Breakdown and filtering by source.
CREATE INDEX journey_events_org_source ON journey_events (organization_id, source, occurred_at)
    WHERE source IS NOT NULL;
-- Survey steps after the start find their response's survey_started row by reference.
CREATE INDEX journey_events_org_reference ON journey_events (organization_id, reference, step)
    WHERE reference IS NOT NULL;
