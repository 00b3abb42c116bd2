-- Crypto-shredding: every member of an event or snapshot that holds a contact's personal data is sealed
-- (AES-256-GCM) with a data key of that contact; message texts with a key of the contact and the month they were
-- written in. The keys are wrapped by the master key (CRM_MASTER_KEY or the data directory's master-key file).
-- Erasing a contact deletes its rows; a retention period deletes old months' rows. Not a projection: deleting a
-- row is the point, and no replay may bring one back.
CREATE TABLE personal_data_keys (
    key_id          VARCHAR(80)  PRIMARY KEY,   -- contact id, or contact id/yyyy-MM for message texts
    contact_id      VARCHAR(64)  NOT NULL,
    organization_id VARCHAR(64),
    period          VARCHAR(7),
    wrapped_key     BYTEA        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX personal_data_keys_contact ON personal_data_keys (contact_id);
CREATE INDEX personal_data_keys_expiring ON personal_data_keys (organization_id, period) WHERE period IS NOT NULL;

-- Which opaque contact id an organization's phone number has. The phone number is kept only as a keyed digest
-- (HMAC with a key derived from the master key), and the row is deleted when the contact is erased, so after an
-- erasure nothing links the number to the id that stays in the event log; a new message from that number starts
-- a new contact.
CREATE TABLE contact_directory (
    organization_id VARCHAR(64)  NOT NULL,
    phone_digest    BYTEA        NOT NULL,
    contact_id      VARCHAR(64)  NOT NULL UNIQUE,
    created_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, phone_digest)
);

-- Snapshots are a cache of aggregate state; those written before contacts had ids lack the id and hold the number
-- unsealed. Aggregates load from their events (read through the legacy upcaster) and are snapshotted again.
DELETE FROM snapshotevententry;
