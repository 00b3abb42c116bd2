-- Where a media answer's file is kept once copied out of WhatsApp (MediaStored), or why it could not be (MediaLost).
ALTER TABLE response_attachments
    ADD COLUMN storage_key  VARCHAR(255),
    ADD COLUMN stored_mime_type VARCHAR(255),
    ADD COLUMN size_bytes   BIGINT,
    ADD COLUMN sha256       VARCHAR(64),
    ADD COLUMN stored_at    TIMESTAMPTZ,
    ADD COLUMN lost_reason  VARCHAR(32);
CREATE INDEX response_attachments_media ON response_attachments (media_id);
