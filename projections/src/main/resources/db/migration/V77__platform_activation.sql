-- The platform's own activation funnel (processing group analytics-platform): per organization the time of each
-- first step, the distinct things it made or did (counted per feature at query time, so a redelivered event
-- changes nothing), and its staff's dashboard page views (one row per member, page pattern and minute).
CREATE TABLE platform_activation (
    organization_id            VARCHAR(64)  PRIMARY KEY,
    name                       VARCHAR(200),
    onboarded_at               TIMESTAMPTZ,
    first_conversation_at      TIMESTAMPTZ,
    first_flow_published_at    TIMESTAMPTZ,
    first_template_approved_at TIMESTAMPTZ,
    first_broadcast_sent_at    TIMESTAMPTZ,
    first_member_invited_at    TIMESTAMPTZ,
    first_purchase_paid_at     TIMESTAMPTZ,
    -- the first conversation or staff activity 30 days or more after onboarding
    active_after_30_days_at    TIMESTAMPTZ,
    last_activity_at           TIMESTAMPTZ
);
CREATE INDEX platform_activation_onboarded ON platform_activation (onboarded_at);

CREATE TABLE platform_feature_items (
    organization_id VARCHAR(64)  NOT NULL,
    feature         VARCHAR(40)  NOT NULL,
    item_id         VARCHAR(200) NOT NULL,
    first_at        TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (organization_id, feature, item_id)
);

CREATE TABLE platform_page_views (
    organization_id VARCHAR(64)  NOT NULL,
    staff_id        VARCHAR(64)  NOT NULL,
    page            VARCHAR(200) NOT NULL,
    minute          TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (staff_id, page, minute)
);
CREATE INDEX platform_page_views_organization ON platform_page_views (organization_id, minute);
