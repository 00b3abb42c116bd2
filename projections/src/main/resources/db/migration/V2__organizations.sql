-- The organization directory: who is onboarded, which WhatsApp number routes to whom, and the hash of
-- each organization's dashboard API key. Written in the same transaction as the organization's events,
-- so the unique phone number id also guards onboarding against two organizations claiming one number.
CREATE TABLE organizations (
    id                       VARCHAR(64)  PRIMARY KEY,
    name                     TEXT         NOT NULL,
    whatsapp_phone_number_id VARCHAR(64)  NOT NULL,
    api_key_hash             VARCHAR(128) NOT NULL,
    low_balance_threshold    BIGINT       NOT NULL,
    price_list               JSONB        NOT NULL,
    created_at               TIMESTAMPTZ  NOT NULL,
    updated_at               TIMESTAMPTZ  NOT NULL,
    CONSTRAINT organizations_phone_number_id UNIQUE (whatsapp_phone_number_id)
);
CREATE UNIQUE INDEX organizations_api_key_hash ON organizations (api_key_hash);
