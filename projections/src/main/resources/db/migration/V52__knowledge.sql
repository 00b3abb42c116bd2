-- Knowledge bases, their documents and FAQ items, and every question contacts put to them, maintained by the
-- crm-knowledge processing group. rag_query_logs.question is the contact's own words: blanked when the contact
-- is erased.
CREATE TABLE knowledge_bases (
    id              VARCHAR(64)  PRIMARY KEY,
    organization_id VARCHAR(64)  NOT NULL,
    name            TEXT         NOT NULL,
    description     TEXT,
    created_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX knowledge_bases_organization ON knowledge_bases (organization_id, created_at DESC);

CREATE TABLE kb_documents (
    id                VARCHAR(64)  PRIMARY KEY,
    knowledge_base_id VARCHAR(64)  NOT NULL,
    organization_id   VARCHAR(64)  NOT NULL,
    title             TEXT         NOT NULL,
    source_type       VARCHAR(16)  NOT NULL,
    characters        INTEGER      NOT NULL,
    chunks            INTEGER      NOT NULL,
    added_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX kb_documents_knowledge_base ON kb_documents (knowledge_base_id);

CREATE TABLE faq_items (
    id                VARCHAR(64)  PRIMARY KEY,
    knowledge_base_id VARCHAR(64)  NOT NULL,
    organization_id   VARCHAR(64)  NOT NULL,
    question          TEXT         NOT NULL,
    answer            TEXT         NOT NULL,
    added_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX faq_items_knowledge_base ON faq_items (knowledge_base_id);

-- answer_kind: faq, passage or none; matches: the best candidates with their scores; helpful: the contact's
-- rating (null: not rated).
CREATE TABLE rag_query_logs (
    id                VARCHAR(64)  PRIMARY KEY,
    organization_id   VARCHAR(64)  NOT NULL,
    contact_id        UUID         NOT NULL,
    conversation_id   VARCHAR(200),
    question          TEXT,
    answer_kind       VARCHAR(8)   NOT NULL,
    knowledge_base_id VARCHAR(64),
    source_id         VARCHAR(64),
    source_title      TEXT,
    answer            TEXT,
    matches           JSONB        NOT NULL,
    latency_ms        BIGINT       NOT NULL,
    helpful           BOOLEAN,
    asked_at          TIMESTAMPTZ  NOT NULL,
    rated_at          TIMESTAMPTZ
);
CREATE INDEX rag_query_logs_organization ON rag_query_logs (organization_id, asked_at DESC);
CREATE INDEX rag_query_logs_contact ON rag_query_logs (contact_id);
