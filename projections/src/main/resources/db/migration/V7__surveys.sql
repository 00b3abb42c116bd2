-- Surveys (latest published version), every published version, responses and media answers, maintained by
-- the crm-surveys processing group.
CREATE TABLE surveys (
    id                VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    title             TEXT         NOT NULL,
    intro             TEXT,
    thank_you         TEXT,
    version           INTEGER      NOT NULL,
    questions         JSONB        NOT NULL,
    -- skip rules by question id: {"q1": [{"condition": "EQUALS", "values": ["no"], "goTo": "q3"}]}
    logic             JSONB        NOT NULL,
    whatsapp_keywords TEXT[]       NOT NULL,
    status            VARCHAR(16)  NOT NULL CONSTRAINT surveys_status CHECK (status IN ('active', 'archived')),
    published_at      TIMESTAMPTZ  NOT NULL,
    archived_at       TIMESTAMPTZ,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX surveys_organization_status ON surveys (organization_id, status);
CREATE INDEX surveys_keywords ON surveys USING gin (whatsapp_keywords);

-- Responses name the version they started on; this keeps every version's definition.
CREATE TABLE survey_versions (
    survey_id       VARCHAR(64)  NOT NULL,
    version         INTEGER      NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    definition      JSONB        NOT NULL,
    published_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (survey_id, version)
);

-- answers: {questionId: the answer as people read it}; answer_values: {questionId: the normalized value};
-- skipped: {questionId: reason}. conversation_id is the contact's conversation stream id (the event does not
-- name the session). last_question_id is the question the response reached or stopped at.
-- last_sequence guards rejected_count against redelivered events.
CREATE TABLE survey_responses (
    id               VARCHAR(64)  PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    survey_id        VARCHAR(64)  NOT NULL,
    survey_version   INTEGER      NOT NULL,
    contact_id       UUID         NOT NULL,
    contact_phone    VARCHAR(20)  NOT NULL,
    conversation_id  VARCHAR(128),
    source           VARCHAR(64),
    status           VARCHAR(16)  NOT NULL
        CONSTRAINT survey_responses_status CHECK (status IN ('in_progress', 'completed', 'abandoned')),
    answers          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    answer_values    JSONB        NOT NULL DEFAULT '{}'::jsonb,
    skipped          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    sentiment_score  NUMERIC(6, 4),
    last_question_id VARCHAR(64),
    answered_count   INTEGER      NOT NULL DEFAULT 0,
    rejected_count   INTEGER      NOT NULL DEFAULT 0,
    started_at       TIMESTAMPTZ  NOT NULL,
    last_activity_at TIMESTAMPTZ  NOT NULL,
    completed_at     TIMESTAMPTZ,
    abandoned_at     TIMESTAMPTZ,
    abandon_reason   VARCHAR(64),
    last_sequence    BIGINT       NOT NULL
);
CREATE INDEX survey_responses_survey_status ON survey_responses (survey_id, status);
CREATE INDEX survey_responses_organization_started ON survey_responses (organization_id, started_at DESC);
CREATE INDEX survey_responses_contact ON survey_responses (contact_id, started_at DESC);
CREATE INDEX survey_responses_conversation ON survey_responses (conversation_id);

-- Media answers (voice notes, photos, videos, documents); the file stays in WhatsApp's media store.
CREATE TABLE response_attachments (
    response_id     VARCHAR(64)  NOT NULL,
    question_id     VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    survey_id       VARCHAR(64)  NOT NULL,
    media_id        VARCHAR(255) NOT NULL,
    kind            VARCHAR(32),
    mime_type       VARCHAR(255),
    caption         TEXT,
    filename        TEXT,
    voice           BOOLEAN      NOT NULL DEFAULT FALSE,
    message_id      VARCHAR(255),
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
CREATE INDEX response_attachments_survey ON response_attachments (survey_id, created_at);
