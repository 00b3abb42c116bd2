-- Payments taken through a provider (M-Pesa), maintained by the crm-events processing group: one row per payment,
-- moving from requested (recorded) to initiated (the payer's phone was prompted) to settled or failed; refund_due
-- when money came for something no longer there. payer_phone is cleared when a contact payer is erased.
CREATE TABLE payments (
    id                  VARCHAR(64)    PRIMARY KEY,
    organization_id     VARCHAR(64)    NOT NULL,
    provider            VARCHAR(32)    NOT NULL,
    purpose             VARCHAR(16)    NOT NULL,
    purpose_id          VARCHAR(64)    NOT NULL,
    event_id            VARCHAR(64),
    tokens              BIGINT         NOT NULL DEFAULT 0,
    amount              NUMERIC(14, 2) NOT NULL,
    currency            VARCHAR(3)     NOT NULL,
    payer_id            VARCHAR(64)    NOT NULL,
    payer_phone         VARCHAR(32),
    status              VARCHAR(16)    NOT NULL,
    provider_reference  VARCHAR(128),
    receipt             VARCHAR(64),
    answered_by         VARCHAR(16),
    failure             VARCHAR(32),
    failure_code        VARCHAR(32),
    failure_description TEXT,
    refund_reason       TEXT,
    requested_at        TIMESTAMPTZ    NOT NULL,
    initiated_at        TIMESTAMPTZ,
    settled_at          TIMESTAMPTZ,
    failed_at           TIMESTAMPTZ
);
CREATE INDEX payments_organization_requested ON payments (organization_id, requested_at DESC);

-- The seed's token_purchases: an organization's token top-ups and what became of them. The wallet is credited only
-- when status is paid.
CREATE TABLE token_purchases (
    id              VARCHAR(64)    PRIMARY KEY,
    organization_id VARCHAR(64)    NOT NULL,
    tokens          BIGINT         NOT NULL,
    amount          NUMERIC(14, 2) NOT NULL,
    currency        VARCHAR(3)     NOT NULL,
    provider        VARCHAR(32)    NOT NULL,
    status          VARCHAR(16)    NOT NULL,
    receipt         VARCHAR(64),
    failure         VARCHAR(32),
    requested_by    VARCHAR(64)    NOT NULL,
    requested_at    TIMESTAMPTZ    NOT NULL,
    paid_at         TIMESTAMPTZ
);
CREATE INDEX token_purchases_organization ON token_purchases (organization_id, requested_at DESC);
