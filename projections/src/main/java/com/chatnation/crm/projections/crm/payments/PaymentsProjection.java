package com.chatnation.crm.projections.crm.payments;

import com.chatnation.crm.domain.conversation.ContactErased;
import com.chatnation.crm.domain.payment.PaymentFailed;
import com.chatnation.crm.domain.payment.PaymentInitiated;
import com.chatnation.crm.domain.payment.PaymentPurpose;
import com.chatnation.crm.domain.payment.PaymentRefundDue;
import com.chatnation.crm.domain.payment.PaymentRequested;
import com.chatnation.crm.domain.payment.PaymentSettled;
import com.chatnation.crm.projections.crm.events.EventsProjection;
import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code payments} and the seed's {@code token_purchases}, in the events module's group: a payment for
 * tickets is read beside its reservation. A status only moves forward (a settled payment never reads as initiated),
 * which the statements say themselves rather than trusting the order of a rebuild's batches.
 */
@Component
@ProcessingGroup(EventsProjection.GROUP)
public class PaymentsProjection {

    public static final List<String> TABLES = List.of("payments", "token_purchases");

    private final JdbcTemplate jdbc;

    public PaymentsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PaymentRequested event) {
        jdbc.update("""
                        INSERT INTO payments (id, organization_id, provider, purpose, purpose_id, event_id, tokens, amount,
                                              currency, payer_id, payer_phone, status, requested_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested', ?) ON CONFLICT (id) DO NOTHING""",
                event.paymentId(), event.organizationId(), event.provider(), purpose(event.purpose()), event.purposeId(),
                event.eventId(), event.tokens(), event.amount(), event.currency(), event.payerId(), event.payerPhone(),
                utc(event.requestedAt()));
        if (event.purpose() == PaymentPurpose.TOKENS) {
            jdbc.update("""
                            INSERT INTO token_purchases (id, organization_id, tokens, amount, currency, provider, status,
                                                         requested_by, requested_at)
                            VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (id) DO NOTHING""",
                    event.paymentId(), event.organizationId(), event.tokens(), event.amount(), event.currency(),
                    event.provider(), event.payerId(), utc(event.requestedAt()));
        }
    }

    @EventHandler
    void on(PaymentInitiated event) {
        jdbc.update("""
                        UPDATE payments SET status = 'initiated', provider_reference = ?, initiated_at = ?
                        WHERE id = ? AND status = 'requested'""",
                event.providerReference(), utc(event.at()), event.paymentId());
    }

    @EventHandler
    void on(PaymentSettled event) {
        jdbc.update("""
                        UPDATE payments SET status = CASE WHEN status = 'refund_due' THEN status ELSE 'settled' END,
                               provider_reference = ?, receipt = ?, answered_by = ?, settled_at = ?
                        WHERE id = ?""",
                event.providerReference(), event.receipt(), event.source(), utc(event.at()), event.paymentId());
        jdbc.update("UPDATE token_purchases SET status = 'paid', receipt = ?, paid_at = ?, failure = NULL WHERE id = ?",
                event.receipt(), utc(event.at()), event.paymentId());
    }

    @EventHandler
    void on(PaymentFailed event) {
        jdbc.update("""
                        UPDATE payments SET status = 'failed', failure = ?, failure_code = ?, failure_description = ?,
                               answered_by = ?, failed_at = ?
                        WHERE id = ? AND status IN ('requested', 'initiated')""",
                event.failure().name().toLowerCase(Locale.ROOT), event.providerCode(), event.description(),
                event.source(), utc(event.at()), event.paymentId());
        jdbc.update("UPDATE token_purchases SET status = 'failed', failure = ? WHERE id = ? AND status = 'pending'",
                event.failure().name().toLowerCase(Locale.ROOT), event.paymentId());
    }

    @EventHandler
    void on(PaymentRefundDue event) {
        jdbc.update("UPDATE payments SET status = 'refund_due', refund_reason = ? WHERE id = ?", event.reason(),
                event.paymentId());
    }

    @EventHandler
    void on(ContactErased event) {
        jdbc.update("UPDATE payments SET payer_phone = NULL WHERE payer_id = ?", event.contactId());
    }

    private static String purpose(PaymentPurpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT);
    }
}
