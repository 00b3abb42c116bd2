-- The knowledge bases' searchable texts with their sentence embeddings (all-MiniLM-L6-v2, 384 dimensions), kept by
-- the knowledge-index processor. Derived from events and expensive to compute, so it is not a replayable read table:
-- a row is written once per FAQ item or passage and deleted with it. source_type 'faq': content is the question and
-- answer the answer; 'chunk': content is the passage (chunk = its number) and title the document's.
CREATE TABLE embeddings (
    knowledge_base_id VARCHAR(64)  NOT NULL,
    source_type       VARCHAR(8)   NOT NULL,
    source_id         VARCHAR(64)  NOT NULL,
    chunk             INTEGER      NOT NULL,
    organization_id   VARCHAR(64)  NOT NULL,
    title             TEXT,
    content           TEXT         NOT NULL,
    answer            TEXT,
    model             VARCHAR(64)  NOT NULL,
    vector            REAL[]       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_base_id, source_type, source_id, chunk)
);
CREATE INDEX embeddings_organization ON embeddings (organization_id);
