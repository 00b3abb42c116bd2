package com.chatnation.crm.application.platform.deadletters;

import com.chatnation.crm.application.platform.web.RefusedRequest;
import com.chatnation.crm.projections.ReadTables;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The projections' dead letters for the platform operator: what is parked and why, retrying a sequence once its
 * cause is fixed (its letters are handled again in order, each removed when it succeeds; the first that fails
 * again stays, with the new error, and so does everything behind it), and evicting a sequence for good (its events
 * then never reach that read model, short of a rebuild).
 */
@Service
class DeadLetters {

    /** Letters listed per group at most; the count says how many there are. */
    static final int LISTED = 500;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DeadLetters(EventProcessingConfiguration processing, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /** Letters per processing group, every dead-lettering group included (0 when it has none). */
    Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        ReadTables.BY_GROUP.keySet().forEach(group -> counts.put(group, 0L));
        jdbc.query("SELECT processinggroup, count(*) FROM deadletterentry GROUP BY processinggroup",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    List<Letter> list(String group) {
        requireGroup(group);
        return jdbc.query("""
                        SELECT dl.sequenceidentifier, dl.sequenceindex, dl.eventidentifier, dl.payloadtype,
                               dl.aggregateidentifier, dl.sequencenumber, e.globalindex, dl.causetype, dl.causemessage,
                               dl.enqueuedat, dl.lasttouched, dl.diagnostics
                        FROM deadletterentry dl
                        LEFT JOIN domainevententry e ON e.eventidentifier = dl.eventidentifier
                        WHERE dl.processinggroup = ?
                        ORDER BY dl.enqueuedat, dl.sequenceidentifier, dl.sequenceindex
                        LIMIT ?""",
                (row, n) -> new Letter(group, row.getString(1), row.getLong(2), row.getString(3),
                        simpleName(row.getString(4)), row.getString(5), (Long) row.getObject(6),
                        (Long) row.getObject(7), row.getString(8), row.getString(9), instant(row.getString(10)),
                        instant(row.getString(11)), retries(row.getBytes(12))),
                group, LISTED);
    }

    /** Handles the sequence's letters again, in order; answers how it went. */
    RetryOutcome retry(String group, String sequenceId) {
        requireSequence(group, sequenceId);
        boolean done = processor(group).process(letter -> sequenceId.equals(sequenceOf(letter)));
        long left = remaining(group, sequenceId);
        log.info("Dead letters of {} sequence {} retried: {}, {} left", group, sequenceId,
                done ? "applied" : "failed again", left);
        return new RetryOutcome(group, sequenceId, done && left == 0, left);
    }

    /** Retries every sequence of the group, one after the other; answers each outcome. */
    List<RetryOutcome> retryAll(String group) {
        requireGroup(group);
        List<String> sequences = jdbc.queryForList("""
                SELECT sequenceidentifier FROM deadletterentry WHERE processinggroup = ?
                GROUP BY sequenceidentifier ORDER BY min(enqueuedat)""", String.class, group);
        List<RetryOutcome> outcomes = new ArrayList<>();
        for (String sequence : sequences) {
            outcomes.add(retry(group, sequence));
        }
        return outcomes;
    }

    /** Removes every letter of the sequence; answers how many. */
    int evict(String group, String sequenceId) {
        requireSequence(group, sequenceId);
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group).orElseThrow();
        Integer evicted = transactions.execute(status -> {
            List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
            queue.deadLetterSequence(sequenceId).forEach(letters::add);
            letters.forEach(queue::evict);
            return letters.size();
        });
        log.warn("Dead letters of {} sequence {} evicted: {} events will not reach its read model", group, sequenceId,
                evicted);
        return evicted == null ? 0 : evicted;
    }

    private SequencedDeadLetterProcessor<EventMessage<?>> processor(String group) {
        return processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
    }

    private long remaining(String group, String sequenceId) {
        Long left = jdbc.queryForObject("""
                SELECT count(*) FROM deadletterentry WHERE processinggroup = ? AND sequenceidentifier = ?""",
                Long.class, group, sequenceId);
        return left == null ? 0 : left;
    }

    private void requireGroup(String group) {
        if (!ReadTables.BY_GROUP.containsKey(group)) {
            throw new NotFound("'" + group + "' is not a processing group with dead letters; known: "
                    + ReadTables.BY_GROUP.keySet());
        }
    }

    private void requireSequence(String group, String sequenceId) {
        requireGroup(group);
        if (remaining(group, sequenceId) == 0) {
            throw new NotFound("processing group '" + group + "' has no dead letters of sequence '" + sequenceId + "'");
        }
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private static Instant instant(String stored) {
        return stored == null ? null : Instant.parse(stored);
    }

    private static long retries(byte[] diagnostics) {
        if (diagnostics == null) {
            return 0;
        }
        try {
            JsonNode retries = JSON.readTree(diagnostics).path(RetryCountingPolicy.RETRIES);
            return retries.asLong(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** One parked event. {@code globalIndex} is its position in the event store. */
    record Letter(String group, String sequenceId, long sequenceIndex, String eventId, String eventType,
                  String aggregateId, Long aggregateSequenceNumber, Long globalIndex, String errorClass,
                  String errorMessage, Instant enqueuedAt, Instant lastTouched, long retries) {
    }

    /** {@code applied}: every letter of the sequence was handled and removed; else {@code remaining} are left. */
    record RetryOutcome(String group, String sequenceId, boolean applied, long remaining) {
    }

    static final class NotFound extends RefusedRequest {
        NotFound(String message) {
            super(HttpStatus.NOT_FOUND, "not_found", message);
        }
    }
}
