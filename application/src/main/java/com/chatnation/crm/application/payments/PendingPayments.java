package com.chatnation.crm.application.payments;

import com.chatnation.crm.application.platform.axon.CommandCatalogs;
import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.payment.PaymentFailed;
import com.chatnation.crm.domain.payment.PaymentInitiated;
import com.chatnation.crm.domain.payment.PaymentPurpose;
import com.chatnation.crm.domain.payment.PaymentRequested;
import com.chatnation.crm.domain.payment.PaymentSettled;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Every payment asked of a provider ({@code payment_requests}), kept in the payments' own transactions: a payment
 * asked for is on the list before the message that asked for it is answered, so a crash between the two neither
 * loses the payment nor prompts the payer twice; and a provider's answer, however late, finds what it paid for.
 */
@Component
@ProcessingGroup(CommandCatalogs.GROUP)
class PendingPayments {

    /** A pending payment as the reconciler and the callback need it. */
    record Pending(String paymentId, String organizationId, String provider, PaymentPurpose purpose, String purposeId,
                   long tokens, String payerPhone, BigDecimal amount, String accountReference, String state,
                   String providerReference, Instant nextCheckAt, Instant answerBy, int attempts) {

        boolean initiated() {
            return "initiated".equals(state);
        }

        boolean open() {
            return "requested".equals(state) || initiated();
        }
    }

    private final JdbcTemplate jdbc;

    PendingPayments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PaymentRequested event) {
        jdbc.update("""
                        INSERT INTO payment_requests (payment_id, organization_id, provider, purpose, purpose_id, tokens,
                                                      payer_id, payer_phone, amount, account_reference, state,
                                                      requested_at, next_check_at, answer_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?, ?, ?) ON CONFLICT (payment_id) DO NOTHING""",
                event.paymentId(), event.organizationId(), event.provider(), event.purpose().name(), event.purposeId(),
                event.tokens(), event.payerId(),
                event.payerPhone(), event.amount(), accountReference(event), Timestamp.from(event.requestedAt()),
                Timestamp.from(event.requestedAt()), Timestamp.from(event.answerBy()));
    }

    @EventHandler
    void on(PaymentInitiated event) {
        jdbc.update("UPDATE payment_requests SET state = 'initiated', provider_reference = ? WHERE payment_id = ?",
                event.providerReference(), event.paymentId());
    }

    @EventHandler
    void on(PaymentSettled event) {
        jdbc.update("""
                        UPDATE payment_requests SET state = 'settled', provider_reference = ?, payer_phone = NULL
                        WHERE payment_id = ?""", event.providerReference(), event.paymentId());
    }

    @EventHandler
    void on(PaymentFailed event) {
        jdbc.update("UPDATE payment_requests SET state = 'failed', payer_phone = NULL WHERE payment_id = ?",
                event.paymentId());
    }

    @EventHandler
    void on(ContactErased event) {
        // Nobody is left to prompt: open payments are not started or asked about again, and the holds they were for
        // run out as unpaid holds do.
        jdbc.update("""
                UPDATE payment_requests SET payer_phone = NULL,
                       state = CASE WHEN state IN ('requested', 'initiated') THEN 'abandoned' ELSE state END
                WHERE payer_id = ?""", event.contactId());
    }

    Optional<Pending> find(String paymentId) {
        return jdbc.query("SELECT * FROM payment_requests WHERE payment_id = ?", (rs, n) -> pending(rs), paymentId)
                .stream().findFirst();
    }

    /** The payments still open (requested or initiated) for a reservation or top-up. */
    List<String> openFor(String purposeId) {
        return jdbc.queryForList("""
                        SELECT payment_id FROM payment_requests
                        WHERE purpose_id = ? AND state IN ('requested', 'initiated')""", String.class, purposeId);
    }

    /** Payments whose next look is due, oldest first, locked for this transaction (other instances skip them). */
    List<Pending> claimDue(Instant now, int most) {
        return jdbc.query("""
                        SELECT * FROM payment_requests
                        WHERE state IN ('requested', 'initiated') AND next_check_at <= ? ORDER BY next_check_at
                        LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> pending(rs), Timestamp.from(now), most);
    }

    /** When to look at the payment next, after a look that settled nothing. */
    void lookAgainAt(String paymentId, Instant at) {
        jdbc.update("UPDATE payment_requests SET next_check_at = ?, attempts = attempts + 1 WHERE payment_id = ?",
                Timestamp.from(at), paymentId);
    }

    /** What the payer's phone shows the payment is for: the reservation's or top-up's own id, shortened. */
    private static String accountReference(PaymentRequested event) {
        String prefix = event.purpose() == PaymentPurpose.TICKETS ? "TKT" : "TOP";
        String id = event.purposeId().replaceAll("[^A-Za-z0-9]", "").toUpperCase(java.util.Locale.ROOT);
        return prefix + id.substring(0, Math.min(9, id.length()));
    }

    private static Pending pending(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pending(rs.getString("payment_id"), rs.getString("organization_id"), rs.getString("provider"),
                PaymentPurpose.valueOf(rs.getString("purpose")), rs.getString("purpose_id"), rs.getLong("tokens"),
                rs.getString("payer_phone"), rs.getBigDecimal("amount"), rs.getString("account_reference"),
                rs.getString("state"),
                rs.getString("provider_reference"), rs.getTimestamp("next_check_at").toInstant(),
                rs.getTimestamp("answer_by").toInstant(), rs.getInt("attempts"));
    }
}
