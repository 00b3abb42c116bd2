-- Event agendas (the seed's venues, event_sessions, speakers and session_speakers) and the reminders contacts asked
-- for, maintained by the crm-events processing group.
CREATE TABLE venues (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    address         TEXT,
    capacity        INT,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX venues_organization ON venues (organization_id, name);

CREATE TABLE speakers (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    title           TEXT,
    company         TEXT,
    bio             TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX speakers_organization ON speakers (organization_id, name);

-- time_zone: the agenda's, in which its days are told; status: scheduled or cancelled.
CREATE TABLE event_sessions (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    event_id        VARCHAR(64)  NOT NULL,
    title           TEXT         NOT NULL,
    description     TEXT,
    starts_at       TIMESTAMPTZ  NOT NULL,
    ends_at         TIMESTAMPTZ  NOT NULL,
    room            TEXT,
    capacity        INT,
    venue_id        VARCHAR(64),
    time_zone       VARCHAR(64)  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX event_sessions_event ON event_sessions (event_id, starts_at);

CREATE TABLE event_agendas (
    event_id        VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    time_zone       VARCHAR(64)  NOT NULL
);

-- A panel: who presents the session, in order (position 0 first).
CREATE TABLE session_speakers (
    session_id      VARCHAR(64) NOT NULL,
    speaker_id      VARCHAR(64) NOT NULL,
    organization_id VARCHAR(64) NOT NULL,
    position        INT         NOT NULL,
    PRIMARY KEY (session_id, speaker_id)
);
CREATE INDEX session_speakers_speaker ON session_speakers (speaker_id);

-- One row per reminder a contact asked for: pending, sent or cancelled (with why). An erased contact's rows go.
CREATE TABLE session_reminders (
    reminder_id     VARCHAR(200) PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    session_id      VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    cancel_reason   VARCHAR(20),
    requested_at    TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ
);
CREATE INDEX session_reminders_session ON session_reminders (session_id, status);
CREATE INDEX session_reminders_contact ON session_reminders (contact_id);
