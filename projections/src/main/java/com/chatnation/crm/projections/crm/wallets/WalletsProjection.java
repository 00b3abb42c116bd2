package com.chatnation.crm.projections.crm.wallets;

import com.chatnation.crm.projections.jdbc.ReadModelJdbc;
import com.chatnation.crm.domain.wallet.LowBalanceReached;
import com.chatnation.crm.domain.wallet.LowBalanceThresholdChanged;
import com.chatnation.crm.domain.wallet.ReservationCaptured;
import com.chatnation.crm.domain.wallet.ReservationReleased;
import com.chatnation.crm.domain.wallet.TokenDebitDeclined;
import com.chatnation.crm.domain.wallet.TokenDebited;
import com.chatnation.crm.domain.wallet.TokensPurchased;
import com.chatnation.crm.domain.wallet.TokensRefunded;
import com.chatnation.crm.domain.wallet.TokensReserved;
import com.chatnation.crm.domain.wallet.WalletCreated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

import static com.chatnation.crm.projections.crm.ReadModelSupport.utc;

/**
 * Maintains {@code wallets}, {@code token_transactions}, {@code token_debit_declines} and {@code billing_alerts}.
 * Movement rows are keyed by the event's identifier (and unique per wallet stream position), so they are written
 * at most once. The wallet row applies an event only when its stream sequence number is above
 * {@code last_sequence}. A captured reservation is recorded as a {@code debit} whose reference is the reservation.
 */
@Component
@ProcessingGroup(WalletsProjection.GROUP)
public class WalletsProjection {

    public static final String GROUP = "crm-wallets";
    public static final List<String> TABLES =
            List.of("wallets", "token_transactions", "token_debit_declines", "billing_alerts");

    private final JdbcTemplate jdbc;

    public WalletsProjection(@ReadModelJdbc JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static List<String> tables() {
        return TABLES;
    }

    @EventHandler
    void on(WalletCreated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO wallets (id, organization_id, balance, reserved, low_balance_threshold, last_sequence,
                                             created_at, updated_at)
                        VALUES (?, ?, 0, 0, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                event.walletId(), event.organizationId(), event.lowBalanceThreshold(), sequence, utc(at), utc(at));
    }

    @EventHandler
    void on(TokensPurchased event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "purchase", null, null,
                event.paymentReference(), null, event.amount(), event.balanceAfter(), null, null, at);
        updateWallet("balance = ?", sequence, at, event.walletId(), event.balanceAfter());
    }

    @EventHandler
    void on(TokenDebited event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "debit", event.module(),
                event.action(), event.referenceId(), null, event.amount(), event.balanceAfter(), null, null, at);
        updateWallet("balance = ?", sequence, at, event.walletId(), event.balanceAfter());
    }

    @EventHandler
    void on(TokensRefunded event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "refund", null, null,
                event.referenceId(), null, event.amount(), event.balanceAfter(), null, event.reason(), at);
        updateWallet("balance = ?", sequence, at, event.walletId(), event.balanceAfter());
    }

    @EventHandler
    void on(TokensReserved event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Long balance = jdbc.query("SELECT balance FROM wallets WHERE id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, event.walletId());
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "reserve", null, null,
                event.reservationId(), event.reservationId(), event.amount(), balance, event.reservedAfter(),
                event.purpose(), at);
        updateWallet("reserved = ?", sequence, at, event.walletId(), event.reservedAfter());
    }

    @EventHandler
    void on(ReservationCaptured event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        // The event names what is left in this reservation, not the wallet's total reservations: the total
        // drops by the captured amount, which the sequence guard keeps from happening twice.
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "debit", event.module(),
                event.action(), event.reservationId(), event.reservationId(), event.amount(), event.balanceAfter(),
                null, "reservation captured", at);
        updateWallet("balance = ?, reserved = GREATEST(reserved - ?, 0)", sequence, at, event.walletId(),
                event.balanceAfter(), event.amount());
    }

    @EventHandler
    void on(ReservationReleased event, @MessageIdentifier String eventId, @SequenceNumber long sequence,
            @Timestamp Instant at) {
        Long balance = jdbc.query("SELECT balance FROM wallets WHERE id = ?",
                rs -> rs.next() ? rs.getLong(1) : null, event.walletId());
        transaction(eventId, event.organizationId(), event.walletId(), sequence, "release", null, null,
                event.reservationId(), event.reservationId(), event.amount(), balance, event.reservedAfter(), null, at);
        updateWallet("reserved = ?", sequence, at, event.walletId(), event.reservedAfter());
    }

    @EventHandler
    void on(LowBalanceThresholdChanged event, @SequenceNumber long sequence, @Timestamp Instant at) {
        updateWallet("low_balance_threshold = ?", sequence, at, event.walletId(), event.lowBalanceThreshold());
    }

    @EventHandler
    void on(TokenDebitDeclined event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO token_debit_declines (id, organization_id, wallet_id, module, action, reference_id,
                                                          amount, available_balance, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                eventId, event.organizationId(), event.walletId(), event.module(), event.action(),
                event.referenceId(), event.amount(), event.availableBalance(), utc(at));
    }

    @EventHandler
    void on(LowBalanceReached event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        jdbc.update("""
                        INSERT INTO billing_alerts (id, organization_id, wallet_id, type, threshold, available_balance,
                                                    created_at)
                        VALUES (?, ?, ?, 'low_balance', ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""",
                eventId, event.organizationId(), event.walletId(), event.threshold(), event.availableBalance(),
                utc(at));
    }

    private void transaction(String id, String organizationId, String walletId, long sequence, String type,
                             String module, String action, String referenceId, String reservationId, long amount,
                             Long balanceAfter, Long reservedAfter, String description, Instant at) {
        jdbc.update("""
                        INSERT INTO token_transactions (id, organization_id, wallet_id, sequence_number, type, module,
                                                        action, reference_id, reservation_id, amount, balance_after,
                                                        reserved_after, description, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING""",
                id, organizationId, walletId, sequence, type, module, action, referenceId, reservationId, amount,
                balanceAfter, reservedAfter, description, utc(at));
    }

    private void updateWallet(String assignments, long sequence, Instant at, String walletId, Object... values) {
        Object[] args = new Object[values.length + 4];
        System.arraycopy(values, 0, args, 0, values.length);
        args[values.length] = sequence;
        args[values.length + 1] = utc(at);
        args[values.length + 2] = walletId;
        args[values.length + 3] = sequence;
        jdbc.update("UPDATE wallets SET " + assignments + ", last_sequence = ?, updated_at = ? "
                + "WHERE id = ? AND last_sequence < ?", args);
    }
}
