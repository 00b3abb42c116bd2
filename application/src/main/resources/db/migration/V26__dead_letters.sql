-- The read-model projections' sequenced dead-letter queue (Axon's JdbcSequencedDeadLetterQueue, DeadLetterSchema
-- defaults). V1 created deadletterentry with exactly those columns (serialized payload, metadata, token and
-- diagnostics as bytea, like the event store; timestamps as ISO-8601 text, as Axon writes them), but nothing wrote
-- to it until now. Axon looks letters up by processing group and sequence, which the unique constraint's index
-- (processinggroup, sequenceidentifier, sequenceindex) answers: the two narrower indexes only slowed writes.
DROP INDEX IF EXISTS deadletterentry_group;
DROP INDEX IF EXISTS deadletterentry_sequence_id;

COMMENT ON TABLE deadletterentry IS
    'Events a read-model projection could not apply, and the later events of the same aggregate parked behind them '
    '(GET /admin/dead-letters)';

-- Dead letters for people: one row per parked event with its JSON payload and its position in the event store.
CREATE VIEW dead_letter_log AS
SELECT dl.processinggroup                         AS processing_group,
       dl.sequenceidentifier                      AS sequence_id,
       dl.sequenceindex                           AS sequence_index,
       e.globalindex                              AS global_index,
       regexp_replace(dl.payloadtype, '^.*\.', '') AS event_type,
       dl.aggregateidentifier                     AS aggregate_id,
       dl.causetype                               AS error_type,
       dl.causemessage                            AS error_message,
       dl.enqueuedat::timestamptz                 AS enqueued_at,
       dl.lasttouched::timestamptz                AS last_touched,
       convert_from(dl.payload, 'UTF8')::jsonb    AS payload
FROM deadletterentry dl
LEFT JOIN domainevententry e ON e.eventidentifier = dl.eventidentifier;
