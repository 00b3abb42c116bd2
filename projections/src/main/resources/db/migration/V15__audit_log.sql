-- Who did what to which resource, one row per event caused by an administrative command, maintained by the
-- crm-audit processing group. The event identifier is the key, not a sequence: a rebuild must reproduce the
-- table exactly, and a redelivered event must not add a second row. action is the event's class name
-- (SurveyPublished), resource_type the aggregate type (Survey), details the event without its secrets.
CREATE TABLE audit_log (
    event_id        VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    actor_type      VARCHAR(16)  NOT NULL,
    actor_id        VARCHAR(64)  NOT NULL,
    actor_address   VARCHAR(64),
    action          VARCHAR(100) NOT NULL,
    resource_type   VARCHAR(64)  NOT NULL,
    resource_id     VARCHAR(200) NOT NULL,
    details         JSONB        NOT NULL
);

-- GET /audit-log: newest first, the event id breaking ties, optionally by actor, action or resource; a date
-- range bounds the same range scan. Actor type and resource type are too coarse to deserve an index of their
-- own: they filter the organization's scan.
CREATE INDEX audit_log_organization_page ON audit_log (organization_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_log_organization_actor_page
    ON audit_log (organization_id, actor_id, occurred_at DESC, event_id DESC);
CREATE INDEX audit_log_organization_action_page
    ON audit_log (organization_id, action, occurred_at DESC, event_id DESC);
CREATE INDEX audit_log_organization_resource_page
    ON audit_log (organization_id, resource_id, occurred_at DESC, event_id DESC);
