-- Step sets: an organization's named steps, each reached by events of a type whose payload meets conditions (see
-- StepSetDefinition). Like funnel definitions they are configuration written by the dashboard API, not read tables
-- built from events, so they live in crm_config where rebuilding the read tables never reaches them. The
-- analytics-custom-steps projection reads them; version counts the replacements, so a backfill started for one
-- version knows when a newer one has taken over.
CREATE TABLE crm_config.step_sets (
    organization_id VARCHAR(64)  NOT NULL,
    set_key         VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    template        VARCHAR(64),
    definition      JSONB        NOT NULL,
    version         BIGINT       NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, set_key)
);

-- The backfill of a step set's version from the event store: events read of the store's total when it started.
CREATE TABLE crm_config.step_set_backfills (
    organization_id VARCHAR(64)  NOT NULL,
    set_key         VARCHAR(64)  NOT NULL,
    version         BIGINT       NOT NULL,
    state           VARCHAR(16)  NOT NULL CONSTRAINT step_set_backfills_state
                                          CHECK (state IN ('running', 'completed', 'failed', 'superseded')),
    events_read     BIGINT       NOT NULL DEFAULT 0,
    events_total    BIGINT       NOT NULL DEFAULT 0,
    steps_recorded  BIGINT       NOT NULL DEFAULT 0,
    started_at      TIMESTAMPTZ  NOT NULL,
    finished_at     TIMESTAMPTZ,
    error           TEXT,
    PRIMARY KEY (organization_id, set_key)
);
