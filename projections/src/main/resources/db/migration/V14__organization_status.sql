-- Suspension. status: active or suspended; what a suspended organization may still do is the service's decision.
-- suspended_reason and suspended_at describe the current suspension and are cleared when it is lifted.
ALTER TABLE organizations
    ADD COLUMN status           VARCHAR(16) NOT NULL DEFAULT 'active'
        CONSTRAINT organizations_status CHECK (status IN ('active', 'suspended')),
    ADD COLUMN suspended_reason TEXT,
    ADD COLUMN suspended_at     TIMESTAMPTZ;
