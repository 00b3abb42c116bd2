-- Files contacts sent, to be copied out of WhatsApp (which keeps them about 30 days) into the media store, kept by
-- the media slice. status: pending (attempts so far, next_attempt_at), stored (storage_key, type, size, SHA-256)
-- or lost (last_error says why). A row goes when its contact is erased, with the file unless another row uses it.
CREATE TABLE media_files (
    media_id           VARCHAR(255) PRIMARY KEY,
    organization_id    VARCHAR(64)  NOT NULL,
    conversation_id    VARCHAR(200) NOT NULL,
    contact_id         VARCHAR(64)  NOT NULL,
    message_id         VARCHAR(255) NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    declared_mime_type VARCHAR(255),
    status             VARCHAR(8)   NOT NULL DEFAULT 'pending',
    attempts           INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at    TIMESTAMPTZ  NOT NULL,
    storage_key        VARCHAR(255),
    mime_type          VARCHAR(255),
    size_bytes         BIGINT,
    sha256             VARCHAR(64),
    last_error         TEXT,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX media_files_due ON media_files (next_attempt_at) WHERE status = 'pending';
CREATE INDEX media_files_contact ON media_files (contact_id);
CREATE INDEX media_files_storage_key ON media_files (storage_key) WHERE storage_key IS NOT NULL;
