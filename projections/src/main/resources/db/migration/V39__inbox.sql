-- The inbox: conversations a person of the organization's team holds, the notes they write, who wrote each reply,
-- and the organization's handover settings.

-- Per session: who holds it. inbox_status is 'bot' (the bot answers), 'waiting' (handed over, nobody assigned),
-- 'assigned' (handed over to assigned_agent_id) or 'closed' (the session ended: closed or expired).
-- awaiting_agent_since: the contact's oldest message (or the handover) no person has answered yet; null when
-- answered or not handed over. first_human_response_at: the team's first reply since handed_over_at;
-- resolved_at: when the handover ended (handed back to the bot, or the session closed or expired).
ALTER TABLE conversations
    ADD COLUMN inbox_status VARCHAR(16) NOT NULL DEFAULT 'bot'
        CONSTRAINT conversations_inbox_status CHECK (inbox_status IN ('bot', 'waiting', 'assigned', 'closed')),
    ADD COLUMN assigned_agent_id VARCHAR(64),
    ADD COLUMN handover_reason VARCHAR(32),
    ADD COLUMN handed_over_at TIMESTAMPTZ,
    ADD COLUMN awaiting_agent_since TIMESTAMPTZ,
    ADD COLUMN first_human_response_at TIMESTAMPTZ,
    ADD COLUMN resolved_at TIMESTAMPTZ;
UPDATE conversations SET inbox_status = 'closed' WHERE status <> 'active';
-- A session starts with its first message: the inbox sorts on last_message_at, which is never left empty now.
UPDATE conversations SET last_message_at = started_at WHERE last_message_at IS NULL;

-- GET /inbox?filter=bot|unassigned|closed: newest activity first within one inbox status.
CREATE INDEX conversations_inbox ON conversations (organization_id, inbox_status, last_message_at DESC, id DESC);
-- GET /inbox?filter=mine: the caller's handed-over sessions.
CREATE INDEX conversations_inbox_agent ON conversations (organization_id, assigned_agent_id, last_message_at DESC, id DESC)
    WHERE inbox_status = 'assigned';
-- GET /inbox?filter=waiting: handed-over sessions whose contact waits for a person's answer.
CREATE INDEX conversations_inbox_awaiting ON conversations (organization_id, last_message_at DESC, id DESC)
    WHERE awaiting_agent_since IS NOT NULL;

-- Replies a person wrote: who, and the template it went out as outside the window.
ALTER TABLE messages ADD COLUMN agent_id VARCHAR(64);
ALTER TABLE messages ADD COLUMN template_name VARCHAR(512);

-- Internal notes of the team on a session, never sent to the contact. text is blanked by the organization's text
-- retention like a message's, and the rows of an erased contact are deleted.
CREATE TABLE conversation_notes (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(64)  NOT NULL,
    stream_id       VARCHAR(128) NOT NULL,
    contact_id      UUID         NOT NULL,
    agent_id        VARCHAR(64)  NOT NULL,
    text            TEXT,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX conversation_notes_conversation ON conversation_notes (organization_id, conversation_id, created_at, id);
CREATE INDEX conversation_notes_contact ON conversation_notes (contact_id);
CREATE INDEX conversation_notes_organization_created ON conversation_notes (organization_id, created_at);

-- NULL: the default handover settings (English and Swahili words, always open, three misunderstandings).
ALTER TABLE organizations ADD COLUMN handover_settings JSONB;
