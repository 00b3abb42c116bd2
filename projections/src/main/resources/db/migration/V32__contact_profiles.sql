-- What an organization keeps about a contact besides the conversation, maintained by the crm-contact-profiles
-- processing group from the ContactProfile streams (rebuilt by replay). Every row goes when the contact is erased.
-- contact_profiles: contacts that arrived by import (they may never have written, so they have no contacts row).
CREATE TABLE contact_profiles (
    contact_id      UUID         PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    phone           VARCHAR(20),
    name            TEXT,
    import_id       VARCHAR(64),
    imported_at     TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX contact_profiles_organization ON contact_profiles (organization_id, contact_id);

CREATE TABLE contact_tags (
    contact_id      UUID         NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    tag             VARCHAR(64)  NOT NULL,
    tagged_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (contact_id, tag)
);
-- audiences: the contacts holding a tag
CREATE INDEX contact_tags_organization_tag ON contact_tags (organization_id, tag, contact_id);

-- value is the contact's personal data (sealed in the events), up to 1,000 characters: too long for a b-tree entry
-- in the worst case, so audiences find "key = value" (any case) through the digest of the lowercased value.
CREATE TABLE contact_attributes (
    contact_id      UUID         NOT NULL,
    organization_id VARCHAR(64)  NOT NULL,
    key             VARCHAR(64)  NOT NULL,
    value           TEXT,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (contact_id, key)
);
CREATE INDEX contact_attributes_organization_key_value
    ON contact_attributes (organization_id, key, md5(lower(value)), contact_id);

-- Marketing consent given over the API or by import (opt-out words in conversations are recorded elsewhere).
CREATE TABLE contact_consent (
    contact_id      UUID         PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL CONSTRAINT contact_consent_status CHECK (status IN ('opted_in', 'opted_out')),
    source          VARCHAR(16)  NOT NULL,
    recorded_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX contact_consent_organization_status ON contact_consent (organization_id, status, contact_id);

-- audiences: participants of one event
CREATE INDEX participants_organization_event ON participants (organization_id, event_id, contact_id);

-- Saved audiences: filters over the contacts, configuration written by the API (like funnel definitions), so
-- they live with the configuration where rebuilding the read tables never reaches them.
CREATE TABLE crm_config.audiences (
    id              UUID         PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    filter          JSONB        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audiences_organization ON crm_config.audiences (organization_id, created_at DESC, id);
