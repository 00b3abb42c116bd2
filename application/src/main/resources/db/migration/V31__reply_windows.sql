-- When the contact's 24-hour customer-service window closes, as the conversation knew it when it queued the reply
-- (NULL for replies queued before it was recorded: they are sent as before), and the message template a flow
-- wants sent instead once it has closed. A reply found outside its window ends 'expired' and is not charged.
ALTER TABLE outbound_replies ADD COLUMN window_closes_at TIMESTAMPTZ;
ALTER TABLE outbound_replies ADD COLUMN reengage_template VARCHAR(512);
COMMENT ON COLUMN outbound_replies.status IS 'pending, held, sent, failed, expired';
