-- The WhatsApp Business Account an organization's templates belong to; template webhooks are routed by it, so one
-- account belongs to one organization.
ALTER TABLE organizations ADD COLUMN whatsapp_business_account_id VARCHAR(64);
CREATE UNIQUE INDEX organizations_whatsapp_business_account_id ON organizations (whatsapp_business_account_id)
    WHERE whatsapp_business_account_id IS NOT NULL;

-- An organization's message templates, one row per name and language, as Meta last reported them. Deleted
-- templates stay (status DELETED, deleted_at set) so the history of what was sent can still name them.
CREATE TABLE message_templates (
    id                UUID         PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    name              VARCHAR(512) NOT NULL,
    language          VARCHAR(16)  NOT NULL,
    category          VARCHAR(32)  NOT NULL,
    status            VARCHAR(32)  NOT NULL,
    status_reason     TEXT,
    previous_category VARCHAR(32),
    meta_template_id  VARCHAR(64)  NOT NULL,
    parameter_format  VARCHAR(16)  NOT NULL,
    content           JSONB        NOT NULL,
    source            VARCHAR(16)  NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    deleted_at        TIMESTAMPTZ
);
CREATE INDEX message_templates_organization_created ON message_templates (organization_id, created_at DESC, id DESC);
CREATE INDEX message_templates_organization_name ON message_templates (organization_id, name, language);
