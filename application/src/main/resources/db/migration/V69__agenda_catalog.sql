-- Event agendas as the command side needs them, kept in the events' own transactions (the command-catalogs group):
-- the sessions, speakers, panels and venues the conversation shows and the agenda consults, and the schedule of the
-- reminders contacts asked for.
CREATE TABLE agenda_catalog_sessions (
    session_id      VARCHAR(64)  PRIMARY KEY,
    agenda_id       VARCHAR(80)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    title           TEXT         NOT NULL,
    description     TEXT,
    starts_at       TIMESTAMPTZ  NOT NULL,
    ends_at         TIMESTAMPTZ  NOT NULL,
    room            TEXT,
    time_zone       VARCHAR(64)  NOT NULL,
    cancelled       BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX agenda_catalog_sessions_upcoming ON agenda_catalog_sessions (organization_id, ends_at) WHERE NOT cancelled;

CREATE TABLE agenda_catalog_speakers (
    speaker_id      VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    title           TEXT,
    company         TEXT
);

CREATE TABLE agenda_catalog_panels (
    session_id VARCHAR(64) NOT NULL,
    speaker_id VARCHAR(64) NOT NULL,
    position   INT         NOT NULL,
    PRIMARY KEY (session_id, speaker_id)
);

CREATE TABLE agenda_catalog_venues (
    venue_id        VARCHAR(64) PRIMARY KEY,
    organization_id VARCHAR(64) NOT NULL
);

-- One row per reminder (a session and a contact). It is due lead_seconds before its session's start as the session
-- stands now, so a session that moves takes its reminders along; status: pending, sent or cancelled. opted_out: the
-- contact opted out of the organization's messages since (the reminder is cancelled when due instead of sent).
CREATE TABLE agenda_reminder_schedule (
    reminder_id     VARCHAR(200) PRIMARY KEY,
    session_id      VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(160) NOT NULL,
    lead_seconds    BIGINT       NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    opted_out       BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX agenda_reminder_schedule_pending ON agenda_reminder_schedule (session_id) WHERE status = 'pending';
CREATE INDEX agenda_reminder_schedule_contact ON agenda_reminder_schedule (contact_id);
CREATE INDEX agenda_reminder_schedule_conversation ON agenda_reminder_schedule (conversation_id, session_id);

CREATE TABLE agenda_catalog_agendas (
    agenda_id       VARCHAR(80) PRIMARY KEY,
    event_id        VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    time_zone       VARCHAR(64) NOT NULL
);
