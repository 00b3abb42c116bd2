-- A reply WhatsApp took as the message template that re-engages the contact (sent in its place because the window
-- had closed) keeps what the template was charged; NULL for a reply handed over free-form. A dispatcher retry after
-- a failed commit then records the reply as it went out, at the template's price, without sending it again.
ALTER TABLE reply_handovers ADD COLUMN template_tokens BIGINT;
