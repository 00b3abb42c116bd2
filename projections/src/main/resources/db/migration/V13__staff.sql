-- Staff accounts, their roles and invitations, and the organizations' machine keys, maintained by the
-- staff-directory processing group from the Team aggregates' events. Written in the same transaction as those
-- events (a subscribing processor), so the unique indexes here refuse a command as a whole and a deactivation or a
-- revocation takes effect at once. Like organizations, these tables are not rebuilt by a replay.

-- The roles a member can hold. What each allows is enforced by the service; the rows name them for joins and
-- for people reading the database.
CREATE TABLE roles (
    name        VARCHAR(32) PRIMARY KEY,
    description TEXT        NOT NULL
);
INSERT INTO roles (name, description) VALUES
    ('owner',   'Everything, including the team, machine keys and billing; an organization keeps at least one'),
    ('admin',   'Runs the organization day to day: team, settings and content'),
    ('editor',  'Creates and changes surveys, events and other content'),
    ('agent',   'Works with contacts and their conversations'),
    ('viewer',  'Reads dashboards and reports, changes nothing'),
    ('billing', 'Buys tokens and follows the wallet and its transactions');

-- One row per member of a team. status: invited (until the invitation is accepted), active, deactivated (for
-- good; inviting the person again makes a new row). An e-mail address or phone number is a login across the
-- whole platform, so at most one account that is not deactivated holds each; deactivation frees them.
CREATE TABLE users (
    id                  VARCHAR(64)  PRIMARY KEY,
    organization_id     VARCHAR(64)  NOT NULL,
    email               VARCHAR(254),
    phone               VARCHAR(20),
    display_name        TEXT,
    status              VARCHAR(16)  NOT NULL
        CONSTRAINT users_status CHECK (status IN ('invited', 'active', 'deactivated')),
    invited_at          TIMESTAMPTZ,
    joined_at           TIMESTAMPTZ,
    deactivated_at      TIMESTAMPTZ,
    password_changed_at TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL
);
CREATE UNIQUE INDEX users_email ON users (email) WHERE status <> 'deactivated' AND email IS NOT NULL;
CREATE UNIQUE INDEX users_phone ON users (phone) WHERE status <> 'deactivated' AND phone IS NOT NULL;
CREATE INDEX users_organization ON users (organization_id);

-- A member's current roles; a role change replaces them all.
CREATE TABLE user_roles (
    user_id         VARCHAR(64) NOT NULL REFERENCES users (id),
    role_name       VARCHAR(32) NOT NULL REFERENCES roles (name),
    organization_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, role_name)
);
CREATE INDEX user_roles_organization ON user_roles (organization_id, role_name);

-- The latest invitation of each member, by the hash of its token (the token itself is only ever in the
-- invitee's hands). A reissue replaces the hash, so the earlier token stops working; deactivating an invitee
-- deletes the row. accepted_at is set once the invitation has been used.
CREATE TABLE staff_invitations (
    user_id         VARCHAR(64)  PRIMARY KEY REFERENCES users (id),
    organization_id VARCHAR(64)  NOT NULL,
    token_hash      VARCHAR(128) NOT NULL,
    invited_at      TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    accepted_at     TIMESTAMPTZ,
    CONSTRAINT staff_invitations_token_hash UNIQUE (token_hash)
);

-- Machine keys, found by the hash of the key presented. A key id is chosen per team, hence the pair as key.
-- scopes are lower case (read, write). last_used_at is written by the service, at most once a minute per key,
-- not from events.
CREATE TABLE api_keys (
    organization_id VARCHAR(64)  NOT NULL,
    id              VARCHAR(64)  NOT NULL,
    name            VARCHAR(100) NOT NULL,
    scopes          TEXT[]       NOT NULL,
    key_hash        VARCHAR(128) NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    rotated_at      TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ,
    PRIMARY KEY (organization_id, id),
    CONSTRAINT api_keys_key_hash UNIQUE (key_hash)
);

-- Organizations whose team exists, so the service can form the missing ones (organizations onboarded before
-- teams did not get one).
CREATE TABLE teams (
    organization_id VARCHAR(64) PRIMARY KEY,
    formed_at       TIMESTAMPTZ NOT NULL
);
