package com.chatnation.crm.domain.wallet;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.TokenAmounts;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.chatnation.crm.domain.common.TokenAmounts.requirePositive;
import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organization's prepaid tokens. The one invariant everything else serves: the available balance
 * (balance minus open reservations) never goes below zero.
 */
public class Wallet {

    /**
     * How many recent debits a wallet remembers by reference: a debit repeated with one of these references is not
     * charged again, and only these can be refunded. Repeats and refunds come within seconds of the debit (a reply
     * retried, a reply WhatsApp refused), when at most a few hundred newer debits can have happened.
     */
    public static final int REMEMBERED_DEBITS = 10_000;
    /** How many recent reservations (broadcasts) keep their captures refundable. */
    public static final int REMEMBERED_RESERVATIONS = 1_000;

    @AggregateIdentifier
    private String walletId;
    private String organizationId;
    private long balance;
    private long reserved;
    private long lowBalanceThreshold;
    private boolean belowThreshold;
    private final Set<String> creditedPayments = new HashSet<>();
    /**
     * The most recent {@link #REMEMBERED_DEBITS} debits by reference id, oldest first, with what can still be refunded
     * of each. Keeping every debit ever made would grow the wallet, and each of its snapshots, with every reply sent.
     */
    private final LinkedHashMap<String, Long> refundableByReference = new LinkedHashMap<>();
    /**
     * What the most recent {@link #REMEMBERED_RESERVATIONS} reservations captured and can still give back, by
     * reservation id: a broadcast's message that WhatsApp reports failed, minutes after its share was captured and
     * perhaps after the broadcast released the rest, is refunded against its reservation.
     */
    private final LinkedHashMap<String, Long> refundableByReservation = new LinkedHashMap<>();
    /** Open reservations with what each still holds. */
    private final Map<String, Long> openReservations = new HashMap<>();

    protected Wallet() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public Wallet(CreateWallet command) {
        requireText(command.organizationId(), "organization id");
        requireThreshold(command.lowBalanceThreshold());
        apply(new WalletCreated(command.walletId(), command.organizationId(), command.lowBalanceThreshold()));
    }

    @CommandHandler
    public long handle(PurchaseTokens command) {
        requireText(command.paymentReference(), "payment reference");
        requirePositive(command.amount(), "a purchase");
        if (creditedPayments.contains(command.paymentReference())) {
            return balance;
        }
        long after = TokenAmounts.add(balance, command.amount());
        apply(new TokensPurchased(walletId, organizationId, command.paymentReference(), command.amount(), after));
        return balance;
    }

    @CommandHandler
    public DebitOutcome handle(DebitTokens command) {
        requireDebit(command);
        return debit(command);
    }

    @CommandHandler
    public List<DebitOutcome> handle(DebitTokensTogether command) {
        if (command.debits() == null || command.debits().isEmpty()) {
            throw new DomainRuleViolation("no_debits", "no debits to charge");
        }
        if (command.debits().size() > DebitTokensTogether.MAX_DEBITS) {
            throw new DomainRuleViolation("too_many_debits", "at most " + DebitTokensTogether.MAX_DEBITS
                    + " debits can be charged together, were " + command.debits().size());
        }
        // every debit is checked before any is charged, so a refusal leaves nothing half done
        for (DebitTokens debit : command.debits()) {
            if (!walletId.equals(debit.walletId())) {
                throw new DomainRuleViolation("wrong_wallet", "a debit of wallet '" + debit.walletId()
                        + "' cannot be charged to '" + walletId + "'");
            }
            requireDebit(debit);
        }
        List<DebitOutcome> outcomes = new ArrayList<>(command.debits().size());
        for (DebitTokens debit : command.debits()) {
            outcomes.add(debit(debit));
        }
        return outcomes;
    }

    private static void requireDebit(DebitTokens command) {
        requireText(command.module(), "module");
        requireText(command.action(), "action");
        requireText(command.referenceId(), "reference id");
        requirePositive(command.amount(), "a debit");
    }

    /** Charges a valid debit: once per reference, declined (and recorded) when the available balance is short. */
    private DebitOutcome debit(DebitTokens command) {
        if (refundableByReference.containsKey(command.referenceId())) {
            return new DebitOutcome(DebitOutcome.Status.ALREADY_DEBITED, command.referenceId(), command.amount(), available());
        }
        if (command.amount() > available()) {
            apply(new TokenDebitDeclined(walletId, organizationId, command.module(), command.action(),
                    command.referenceId(), command.amount(), available()));
            return new DebitOutcome(DebitOutcome.Status.DECLINED, command.referenceId(), command.amount(), available());
        }
        apply(new TokenDebited(walletId, organizationId, command.module(), command.action(), command.referenceId(),
                command.amount(), balance - command.amount()));
        warnIfBelowThreshold();
        return new DebitOutcome(DebitOutcome.Status.DEBITED, command.referenceId(), command.amount(), available());
    }

    @CommandHandler
    public long handle(RefundTokens command) {
        requireText(command.referenceId(), "reference id");
        requirePositive(command.amount(), "a refund");
        Long refundable = refundableByReference.containsKey(command.referenceId())
                ? refundableByReference.get(command.referenceId())
                : refundableByReservation.get(command.referenceId());
        if (refundable == null) {
            throw new DomainRuleViolation("unknown_debit",
                    "no debit with reference id '" + command.referenceId() + "' to refund");
        }
        if (command.amount() > refundable) {
            throw new DomainRuleViolation("refund_exceeds_debit", "cannot refund " + command.amount()
                    + " tokens for '" + command.referenceId() + "': only " + refundable + " remain refundable");
        }
        apply(new TokensRefunded(walletId, organizationId, command.referenceId(), command.amount(),
                TokenAmounts.add(balance, command.amount()), command.reason()));
        return balance;
    }

    @CommandHandler
    public long handle(ReserveTokens command) {
        requireText(command.reservationId(), "reservation id");
        requirePositive(command.amount(), "a reservation");
        if (openReservations.containsKey(command.reservationId())) {
            throw new DomainRuleViolation("duplicate_reservation",
                    "reservation '" + command.reservationId() + "' is already open");
        }
        if (command.amount() > available()) {
            throw new DomainRuleViolation("insufficient_tokens", "cannot reserve " + command.amount()
                    + " tokens: only " + available() + " available");
        }
        apply(new TokensReserved(walletId, organizationId, command.reservationId(), command.amount(),
                command.purpose(), reserved + command.amount()));
        warnIfBelowThreshold();
        return available();
    }

    @CommandHandler
    public long handle(CaptureReservation command) {
        requirePositive(command.amount(), "a capture");
        requireText(command.module(), "module");
        requireText(command.action(), "action");
        long held = heldBy(command.reservationId());
        if (command.amount() > held) {
            throw new DomainRuleViolation("capture_exceeds_reservation", "cannot capture " + command.amount()
                    + " tokens: reservation '" + command.reservationId() + "' holds " + held);
        }
        apply(new ReservationCaptured(walletId, organizationId, command.reservationId(), command.amount(),
                command.module(), command.action(), balance - command.amount(), held - command.amount()));
        return available();
    }

    /** @return the tokens released (what the reservation still held) */
    @CommandHandler
    public long handle(ReleaseReservation command) {
        long held = heldBy(command.reservationId());
        apply(new ReservationReleased(walletId, organizationId, command.reservationId(), held, reserved - held));
        return held;
    }

    @CommandHandler
    public void handle(ChangeLowBalanceThreshold command) {
        requireThreshold(command.lowBalanceThreshold());
        if (command.lowBalanceThreshold() != lowBalanceThreshold) {
            apply(new LowBalanceThresholdChanged(walletId, organizationId, command.lowBalanceThreshold()));
            warnIfBelowThreshold();
        }
    }

    public long balance() {
        return balance;
    }

    public long reserved() {
        return reserved;
    }

    public long available() {
        return balance - reserved;
    }

    public long lowBalanceThreshold() {
        return lowBalanceThreshold;
    }

    public String organizationId() {
        return organizationId;
    }

    private long heldBy(String reservationId) {
        Long held = openReservations.get(reservationId);
        if (held == null) {
            throw new DomainRuleViolation("unknown_reservation", "no open reservation '" + reservationId + "'");
        }
        return held;
    }

    private void warnIfBelowThreshold() {
        if (!belowThreshold && available() < lowBalanceThreshold) {
            apply(new LowBalanceReached(walletId, organizationId, lowBalanceThreshold, available()));
        }
    }

    private static void requireThreshold(long threshold) {
        if (threshold < 0) {
            throw new DomainRuleViolation("invalid_threshold", "low-balance threshold cannot be negative, was " + threshold);
        }
    }

    @EventSourcingHandler
    void on(WalletCreated event) {
        walletId = event.walletId();
        organizationId = event.organizationId();
        lowBalanceThreshold = event.lowBalanceThreshold();
        // A new wallet starts empty: it has not "crossed" anything yet, so the first warning comes from a debit.
        belowThreshold = true;
    }

    @EventSourcingHandler
    void on(TokensPurchased event) {
        creditedPayments.add(event.paymentReference());
        balance = event.balanceAfter();
        rearmWarning();
    }

    @EventSourcingHandler
    void on(TokenDebited event) {
        refundableByReference.put(event.referenceId(), event.amount());
        Iterator<String> oldestFirst = refundableByReference.keySet().iterator();
        while (refundableByReference.size() > REMEMBERED_DEBITS) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(TokensRefunded event) {
        if (refundableByReference.containsKey(event.referenceId())) {
            refundableByReference.computeIfPresent(event.referenceId(), (ref, left) -> left - event.amount());
        } else {
            refundableByReservation.computeIfPresent(event.referenceId(), (ref, left) -> left - event.amount());
        }
        balance = event.balanceAfter();
        rearmWarning();
    }

    @EventSourcingHandler
    void on(TokensReserved event) {
        openReservations.put(event.reservationId(), event.amount());
        reserved = event.reservedAfter();
    }

    @EventSourcingHandler
    void on(ReservationCaptured event) {
        openReservations.put(event.reservationId(), event.remainingInReservation());
        refundableByReservation.merge(event.reservationId(), event.amount(), Long::sum);
        Iterator<String> oldestFirst = refundableByReservation.keySet().iterator();
        while (refundableByReservation.size() > REMEMBERED_RESERVATIONS) {
            oldestFirst.next();
            oldestFirst.remove();
        }
        reserved -= event.amount();
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(ReservationReleased event) {
        openReservations.remove(event.reservationId());
        reserved = event.reservedAfter();
        rearmWarning();
    }

    @EventSourcingHandler
    void on(LowBalanceReached event) {
        belowThreshold = true;
    }

    @EventSourcingHandler
    void on(LowBalanceThresholdChanged event) {
        lowBalanceThreshold = event.lowBalanceThreshold();
        rearmWarning();
    }

    private void rearmWarning() {
        if (available() >= lowBalanceThreshold) {
            belowThreshold = false;
        }
    }
}
