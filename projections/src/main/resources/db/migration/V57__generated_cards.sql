-- HypeCards contacts asked for, maintained by the crm-engagement processing group: what they gave (input_data:
-- name, title, has_photo), whether the card was drawn or given up on, and how often visitors of its page shared it.
-- No view_count: a view is an anonymous page hit the service counts in its own card_views, not an event, so a
-- rebuild could not restore it; views are counted from card_views when they are asked for.
-- image_url is the card's path under the service's public address (crm.public-url is configuration, not history).
-- A contact's erasure deletes their rows.
CREATE TABLE generated_cards (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    template_id     VARCHAR(64)  NOT NULL,
    contact_id      UUID         NOT NULL,
    conversation_id VARCHAR(128) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    failure         VARCHAR(32),
    input_data      JSONB        NOT NULL,
    share_code      VARCHAR(16)  NOT NULL,
    image_url       TEXT,
    share_count     INT          NOT NULL DEFAULT 0,
    requested_at    TIMESTAMPTZ  NOT NULL,
    generated_at    TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ,
    last_sequence   BIGINT       NOT NULL
);
CREATE INDEX generated_cards_organization ON generated_cards (organization_id, requested_at DESC);
CREATE INDEX generated_cards_contact ON generated_cards (contact_id);
CREATE INDEX generated_cards_share_code ON generated_cards (share_code);
