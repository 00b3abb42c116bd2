-- Polls and their votes, maintained by the crm-polls processing group. A contact has one row per poll
-- (poll_votes' key); results are counted from it. poll_votes.last_sequence is the poll stream's sequence number
-- of the last event applied to the row, which keeps a redelivered change of vote from counting twice.
CREATE TABLE polls (
    id               VARCHAR(64)  PRIMARY KEY,
    organization_id  VARCHAR(64)  NOT NULL,
    question         TEXT         NOT NULL,
    options          JSONB        NOT NULL,
    keyword          VARCHAR(30),
    event_session_id VARCHAR(64),
    votes_changeable BOOLEAN      NOT NULL,
    opens_at         TIMESTAMPTZ  NOT NULL,
    closes_at        TIMESTAMPTZ,
    closed_at        TIMESTAMPTZ,
    close_reason     VARCHAR(16),
    created_at       TIMESTAMPTZ  NOT NULL
);
CREATE INDEX polls_organization_created ON polls (organization_id, created_at DESC);

CREATE TABLE poll_votes (
    poll_id         VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    option_id       VARCHAR(8)   NOT NULL,
    voted_at        TIMESTAMPTZ  NOT NULL,
    changed_at      TIMESTAMPTZ,
    changes         INTEGER      NOT NULL DEFAULT 0,
    last_sequence   BIGINT       NOT NULL,
    PRIMARY KEY (poll_id, contact_id)
);
CREATE INDEX poll_votes_option ON poll_votes (poll_id, option_id);
