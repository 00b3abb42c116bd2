-- A rebuild on one instance asks every other instance to let go of the processors of the groups it is about to
-- swap; each instance watches this table and stops those processors until the row is gone or has expired.
CREATE TABLE processor_pauses (
    processing_group VARCHAR(255) NOT NULL PRIMARY KEY,
    paused_by        VARCHAR(64)  NOT NULL,
    paused_until     TIMESTAMPTZ  NOT NULL
);
