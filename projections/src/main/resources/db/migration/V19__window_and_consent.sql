-- The contact's 24-hour customer-service window per session (24 hours after their latest message), replies that
-- expired because it had closed, the contacts' marketing consent, and each organization's consent words.
ALTER TABLE conversations ADD COLUMN window_closes_at TIMESTAMPTZ;

ALTER TABLE messages DROP CONSTRAINT messages_status;
ALTER TABLE messages ADD CONSTRAINT messages_status
    CHECK (status IN ('received', 'queued', 'held', 'sent', 'delivered', 'read', 'failed', 'expired'));
ALTER TABLE messages ADD COLUMN expired_at TIMESTAMPTZ;
-- An expired reply was never sent: no later status can follow it, so it ranks with failed.
CREATE OR REPLACE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE STRICT AS $$
SELECT CASE status
           WHEN 'received' THEN 0
           WHEN 'queued' THEN 1
           WHEN 'held' THEN 2
           WHEN 'sent' THEN 3
           WHEN 'delivered' THEN 4
           WHEN 'failed' THEN 5
           WHEN 'expired' THEN 5
           WHEN 'read' THEN 6
           ELSE -1 END
$$;

-- NULL: the contact never said (neither an opt-out nor an opt-in word, nor Meta's preferences).
ALTER TABLE contacts ADD COLUMN marketing_opt_in BOOLEAN;
ALTER TABLE contacts ADD COLUMN consent_source VARCHAR(32);
ALTER TABLE contacts ADD COLUMN consent_changed_at TIMESTAMPTZ;
CREATE INDEX contacts_organization_opted_out ON contacts (organization_id) WHERE marketing_opt_in = FALSE;

-- NULL: the default words (English and Swahili).
ALTER TABLE organizations ADD COLUMN consent_opt_out_words TEXT[];
ALTER TABLE organizations ADD COLUMN consent_opt_in_words TEXT[];
