package com.chatnation.crm.application.platform.whatsapp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Map;

/**
 * The send cap of a WhatsApp number shared by every instance of the service: Meta counts messages per number, not
 * per process, so two instances each keeping 80/s would send 160/s. The same generic cell rate algorithm as
 * {@link SendRateLimiter}, with the bucket (its theoretical arrival time, in microseconds of the database's clock,
 * which all instances share) in a row of {@code whatsapp_send_rate}. Taking a slot is one atomic upsert outside any
 * transaction of the caller (its row lock lasts that statement only); the caller then waits for its slot without
 * holding anything.
 */
class SharedSendRate implements SendRate {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate outsideTransactions;
    private final long intervalMicros;
    private final long toleranceMicros;
    private final Sleeper sleeper;

    SharedSendRate(JdbcTemplate jdbc, PlatformTransactionManager transactions, double messagesPerSecond,
                          int burst) {
        this(jdbc, transactions, messagesPerSecond, burst, Sleeper.real());
    }

    SharedSendRate(JdbcTemplate jdbc, PlatformTransactionManager transactions, double messagesPerSecond, int burst,
                   Sleeper sleeper) {
        if (!(messagesPerSecond > 0) || Double.isInfinite(messagesPerSecond) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.jdbc = jdbc;
        this.outsideTransactions = new TransactionTemplate(transactions);
        this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        this.intervalMicros = Math.max(1, Math.round(1_000_000d / messagesPerSecond));
        this.toleranceMicros = (burst - 1) * intervalMicros;
        this.sleeper = sleeper;
    }

    @Override
    public void acquire(String phoneNumberId) throws InterruptedException {
        Duration wait = reserve(phoneNumberId);
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** Takes the next slot and returns how long the caller must wait before using it. */
    Duration reserve(String phoneNumberId) {
        Map<String, Object> slot = outsideTransactions.execute(status -> jdbc.queryForMap("""
                WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us)
                INSERT INTO whatsapp_send_rate AS bucket (phone_number_id, theoretical_arrival_us)
                SELECT ?, clock.now_us + ? FROM clock
                ON CONFLICT (phone_number_id) DO UPDATE SET theoretical_arrival_us =
                    GREATEST(bucket.theoretical_arrival_us, excluded.theoretical_arrival_us - ?) + ?
                RETURNING theoretical_arrival_us AS tat, (SELECT now_us FROM clock) AS now_us""",
                phoneNumberId, intervalMicros, intervalMicros, intervalMicros));
        long tat = ((Number) slot.get("tat")).longValue();
        long now = ((Number) slot.get("now_us")).longValue();
        long slotStart = tat - intervalMicros;
        return Duration.ofNanos(Math.max(0, slotStart - toleranceMicros - now) * 1000);
    }
}
