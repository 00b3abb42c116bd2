-- The conversation's view of HypeCard templates (maintained in the message's transaction by the command-catalogs
-- group): a template's keyword starts the flow, its layout draws the card.
CREATE TABLE card_catalog (
    template_id     VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    keyword         VARCHAR(30)  NOT NULL,
    layout          JSONB        NOT NULL,
    variables       TEXT[]       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    archived        BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX card_catalog_keyword ON card_catalog (organization_id, keyword) WHERE NOT archived;

-- Cards to draw: written in the transaction that asked for the card, taken by the card workshop (SKIP LOCKED),
-- deleted in the transaction that records the card. The name and title wait here only until then.
CREATE TABLE card_jobs (
    card_id          VARCHAR(64)  PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    template_id      VARCHAR(64)  NOT NULL,
    conversation_id  VARCHAR(128) NOT NULL,
    contact_id       VARCHAR(64)  NOT NULL,
    name             TEXT,
    title            TEXT,
    photo_message_id VARCHAR(255),
    share_code       VARCHAR(16)  NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    requested_at     TIMESTAMPTZ  NOT NULL,
    last_error       TEXT
);
CREATE INDEX card_jobs_due ON card_jobs (next_attempt_at);

-- Drawn cards by their public share code, for the page anyone with the link may open. Kept by the service (not a
-- read model a rebuild swaps away), so a shared link never breaks during a rebuild; gone when the contact is erased.
CREATE TABLE card_links (
    share_code      VARCHAR(16)  PRIMARY KEY,
    card_id         VARCHAR(64)  NOT NULL UNIQUE,
    organization_id VARCHAR(64)  NOT NULL,
    template_id     VARCHAR(64)  NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL,
    image_key       TEXT         NOT NULL,
    generated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX card_links_contact ON card_links (contact_id);

-- Visits of a card's public page: one row per visitor and day. A visitor is a keyed hash of their address and
-- browser with a key of that day only (card_view_keys, deleted after two days), so no raw address is stored and
-- a visitor cannot be followed from one day to the next. shared_at: when that visitor shared the card that day.
CREATE TABLE card_views (
    share_code VARCHAR(16) NOT NULL REFERENCES card_links (share_code) ON DELETE CASCADE,
    viewed_on  DATE        NOT NULL,
    visitor    VARCHAR(64) NOT NULL,
    viewed_at  TIMESTAMPTZ NOT NULL,
    shared_at  TIMESTAMPTZ,
    PRIMARY KEY (share_code, viewed_on, visitor)
);

CREATE TABLE card_view_keys (
    day DATE  PRIMARY KEY,
    key BYTEA NOT NULL
);

-- a card waiting for its photo looks the photo's copy up by the message that carried it
CREATE INDEX media_files_message ON media_files (message_id);
