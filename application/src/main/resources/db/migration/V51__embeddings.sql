-- The knowledge bases' searchable texts with their sentence embeddings (all-MiniLM-L6-v2, 384 dimensions), kept by
-- the knowledge-index processor. Derived from events and expensive to compute, so it is not a replayable read table:
-- a row is written once per FAQ item or passage window and deleted with it. source_type 'faq': content is the
-- question and answer the answer; 'chunk': content is a window of about 120 words of passage number chunk (part =
-- the window's number in it) and title the document's.
CREATE TABLE embeddings (
    knowledge_base_id VARCHAR(64)  NOT NULL,
    source_type       VARCHAR(8)   NOT NULL,
    source_id         VARCHAR(64)  NOT NULL,
    chunk             INTEGER      NOT NULL,
    part              INTEGER      NOT NULL DEFAULT 0,
    organization_id   VARCHAR(64)  NOT NULL,
    title             TEXT,
    content           TEXT         NOT NULL,
    answer            TEXT,
    model             VARCHAR(64)  NOT NULL,
    vector            REAL[]       NOT NULL,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (knowledge_base_id, source_type, source_id, chunk, part)
);
CREATE INDEX embeddings_organization ON embeddings (organization_id);
