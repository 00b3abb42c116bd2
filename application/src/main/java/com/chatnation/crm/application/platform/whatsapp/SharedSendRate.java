package com.chatnation.crm.application.platform.whatsapp;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.List;
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

    /**
     * Takes the next slot and returns how long the caller must wait before using it. The number's own rate, when the
     * operator set one, replaces the default; its burst is one second's worth.
     */
    Duration reserve(String phoneNumberId) {
        Map<String, Object> slot = outsideTransactions.execute(status -> jdbc.queryForMap("""
                WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us)
                INSERT INTO whatsapp_send_rate AS bucket (phone_number_id, theoretical_arrival_us)
                SELECT ?, clock.now_us + ? FROM clock
                ON CONFLICT (phone_number_id) DO UPDATE SET theoretical_arrival_us =
                    GREATEST(bucket.theoretical_arrival_us, excluded.theoretical_arrival_us - ?)
                    + coalesce(round(1000000 / bucket.messages_per_second)::bigint, ?)
                RETURNING theoretical_arrival_us AS tat, (SELECT now_us FROM clock) AS now_us,
                          messages_per_second""",
                phoneNumberId, intervalMicros, intervalMicros, intervalMicros));
        long tat = ((Number) slot.get("tat")).longValue();
        long now = ((Number) slot.get("now_us")).longValue();
        Number tier = (Number) slot.get("messages_per_second");
        long interval = tier == null ? intervalMicros : Math.max(1, Math.round(1_000_000d / tier.doubleValue()));
        long tolerance = tier == null ? toleranceMicros : (long) (Math.max(1, Math.ceil(tier.doubleValue())) - 1) * interval;
        long slotStart = tat - interval;
        return Duration.ofNanos(Math.max(0, slotStart - tolerance - now) * 1000);
    }

    /**
     * Takes a slot only when the bucket is drained (its theoretical arrival time not after now): no reply is waiting
     * and none of the burst is in use, so a reply arriving next still goes at once. Otherwise waits about one
     * interval and asks again. Bulk sends alone thus run at the cap, and yield to replies whenever they come.
     */
    @Override
    public void acquireSpare(String phoneNumberId) throws InterruptedException {
        while (true) {
            Map<String, Object> slot = outsideTransactions.execute(status -> jdbc.queryForMap("""
                    WITH clock AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS now_us),
                    taken AS (
                        INSERT INTO whatsapp_send_rate AS bucket (phone_number_id, theoretical_arrival_us)
                        SELECT ?, clock.now_us + ? FROM clock
                        ON CONFLICT (phone_number_id) DO UPDATE SET theoretical_arrival_us =
                            excluded.theoretical_arrival_us - ? + coalesce(round(1000000 / bucket.messages_per_second)::bigint, ?)
                        WHERE bucket.theoretical_arrival_us <= excluded.theoretical_arrival_us - ?
                        RETURNING theoretical_arrival_us)
                    SELECT (SELECT count(*) FROM taken) AS taken,
                           (SELECT theoretical_arrival_us FROM whatsapp_send_rate WHERE phone_number_id = ?) AS tat,
                           (SELECT now_us FROM clock) AS now_us""",
                    phoneNumberId, intervalMicros, intervalMicros, intervalMicros, intervalMicros, phoneNumberId));
            if (((Number) slot.get("taken")).longValue() > 0) {
                return;
            }
            Number tat = (Number) slot.get("tat");
            long behind = tat == null ? 0 : tat.longValue() - ((Number) slot.get("now_us")).longValue();
            sleeper.sleep(Duration.ofNanos(Math.max(500, Math.min(behind, 50_000)) * 1000));
        }
    }

    /** The number's messaging tier, set by the platform operator when Meta raises it; {@code null}: the default. */
    void setTier(String phoneNumberId, Double messagesPerSecond) {
        jdbc.update("""
                INSERT INTO whatsapp_send_rate (phone_number_id, theoretical_arrival_us, messages_per_second)
                VALUES (?, 0, ?) ON CONFLICT (phone_number_id) DO UPDATE SET messages_per_second = excluded.messages_per_second""",
                phoneNumberId, messagesPerSecond);
    }

    /** The number's rate: its tier, else the default. */
    double rateOf(String phoneNumberId) {
        List<Double> tier = jdbc.queryForList("SELECT messages_per_second FROM whatsapp_send_rate WHERE phone_number_id = ?",
                Double.class, phoneNumberId);
        return tier.isEmpty() || tier.get(0) == null ? 1_000_000d / intervalMicros : tier.get(0);
    }
}
