-- What the conversation needs of polls, kept by the command-catalogs group inside the commands' transactions:
-- a keyword typed right after a poll is created finds it, and a closed poll is known closed at once.
CREATE TABLE poll_catalog (
    poll_id         VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    question        TEXT         NOT NULL,
    options         JSONB        NOT NULL,
    keyword         VARCHAR(30),
    opens_at        TIMESTAMPTZ  NOT NULL,
    closes_at       TIMESTAMPTZ,
    closed_at       TIMESTAMPTZ,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX poll_catalog_keyword ON poll_catalog (organization_id, keyword, created_at DESC) WHERE keyword IS NOT NULL;
