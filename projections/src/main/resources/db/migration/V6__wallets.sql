-- Token wallets (one per organization), their movements, refused debits and low-balance alerts, maintained by
-- the crm-wallets processing group. wallets.last_sequence guards the one relative update (a capture lowers
-- reserved by its amount); every other figure is copied from the event.
CREATE TABLE wallets (
    id                    VARCHAR(128) PRIMARY KEY,
    organization_id       VARCHAR(64)  NOT NULL,
    balance               BIGINT       NOT NULL DEFAULT 0,
    reserved              BIGINT       NOT NULL DEFAULT 0,
    available             BIGINT GENERATED ALWAYS AS (balance - reserved) STORED,
    low_balance_threshold BIGINT       NOT NULL,
    last_sequence         BIGINT       NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    CONSTRAINT wallets_organization UNIQUE (organization_id)
);

-- type: purchase, debit, refund, reserve, release. A captured reservation is a 'debit' whose reference_id is
-- the reservation id (reservation_id is set too), so summing debits gives what was spent; reserve and
-- release rows carry the reservation id as reference_id as well. For purchases reference_id is the payment
-- reference. amount is always positive; balance_after is the wallet balance after the movement
-- (reserve/release leave it unchanged).
CREATE TABLE token_transactions (
    id              VARCHAR(255) PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    wallet_id       VARCHAR(128) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    type            VARCHAR(16)  NOT NULL CONSTRAINT token_transactions_type
        CHECK (type IN ('purchase', 'debit', 'refund', 'reserve', 'release')),
    module          VARCHAR(64),
    action          VARCHAR(64),
    reference_id    VARCHAR(255),
    reservation_id  VARCHAR(255),
    amount          BIGINT       NOT NULL,
    balance_after   BIGINT,
    reserved_after  BIGINT,
    description     TEXT,
    created_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT token_transactions_wallet_sequence UNIQUE (wallet_id, sequence_number)
);
CREATE INDEX token_transactions_organization_created ON token_transactions (organization_id, created_at DESC);
CREATE INDEX token_transactions_organization_type ON token_transactions (organization_id, type, created_at DESC);
CREATE INDEX token_transactions_reference ON token_transactions (organization_id, reference_id);

-- Billable actions the wallet refused for lack of tokens.
CREATE TABLE token_debit_declines (
    id                VARCHAR(255) PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    wallet_id         VARCHAR(128) NOT NULL,
    module            VARCHAR(64),
    action            VARCHAR(64),
    reference_id      VARCHAR(255),
    amount            BIGINT       NOT NULL,
    available_balance BIGINT       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX token_debit_declines_organization_created ON token_debit_declines (organization_id, created_at DESC);

CREATE TABLE billing_alerts (
    id                VARCHAR(255) PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    wallet_id         VARCHAR(128) NOT NULL,
    type              VARCHAR(32)  NOT NULL,
    threshold         BIGINT       NOT NULL,
    available_balance BIGINT       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX billing_alerts_organization_created ON billing_alerts (organization_id, created_at DESC);
