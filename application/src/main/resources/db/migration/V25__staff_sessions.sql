-- Staff login sessions and passwords. Neither is a projection: they are credentials, not history, so they never
-- enter an event (a password hash in the immutable log could be attacked offline forever) and are not rebuilt
-- by a replay. Memberships and roles themselves are events of the Team aggregate (read tables users, user_roles).

-- One row per refresh token. A login starts a family; each refresh marks its token used and adds the next one
-- to the family. A used token presented again means it was stolen (or replayed): the whole family is revoked.
-- Only SHA-256 hashes of the random tokens are kept.
CREATE TABLE refresh_tokens (
    token_hash      VARCHAR(128) PRIMARY KEY,
    family_id       VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    issued_at       TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    used_at         TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    revoked_reason  VARCHAR(64),
    client_address  VARCHAR(64)
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_open_by_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Password hashes (BCrypt, prefixed with the algorithm id so the algorithm can be upgraded).
CREATE TABLE user_credentials (
    user_id       VARCHAR(64)  PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
