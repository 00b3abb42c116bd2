-- Every payment asked of a provider, kept in the payments' own transactions (the command catalogs' group): the
-- reconciler starts the requested ones at the provider, asks the provider about those whose callback is late, and
-- gives up on those past answer_by; a provider's answer finds here what its payment was for. payer_phone is what the
-- provider's prompt goes to: it is cleared once the payment is settled or failed, and with the contact's erasure.
CREATE TABLE payment_requests (
    payment_id         VARCHAR(64) PRIMARY KEY,
    organization_id    VARCHAR(64) NOT NULL,
    provider           VARCHAR(32) NOT NULL,
    purpose            VARCHAR(16) NOT NULL,
    purpose_id         VARCHAR(64) NOT NULL,
    tokens             BIGINT NOT NULL DEFAULT 0,
    payer_id           VARCHAR(64) NOT NULL,
    payer_phone        VARCHAR(32),
    amount             NUMERIC(14, 2) NOT NULL,
    account_reference  VARCHAR(64) NOT NULL,
    -- requested: not yet at the provider; initiated: the provider is asking the payer; settled; failed;
    -- abandoned: the payer was erased before an answer came
    state              VARCHAR(16) NOT NULL,
    provider_reference VARCHAR(128),
    requested_at       TIMESTAMPTZ NOT NULL,
    next_check_at      TIMESTAMPTZ NOT NULL,
    answer_by          TIMESTAMPTZ NOT NULL,
    attempts           INT NOT NULL DEFAULT 0
);

CREATE INDEX payment_requests_open ON payment_requests (next_check_at) WHERE state IN ('requested', 'initiated');
CREATE UNIQUE INDEX payment_requests_reference ON payment_requests (provider, provider_reference);
CREATE INDEX payment_requests_purpose ON payment_requests (purpose_id);
