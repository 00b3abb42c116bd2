package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.common.PhoneNumber;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static com.chatnation.crm.domain.common.TokenAmounts.requireText;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One organizer's event with its whole ticket inventory. Every reservation of every ticket type goes through
 * this one aggregate, so the event store's per-stream ordering is what guarantees a ticket is never sold
 * twice: two contacts racing for the last ticket are two appends to the same stream, and one of them loses.
 * <p>
 * Stock counts tickets held by open reservations as taken. A hold either becomes tickets when paid or gives
 * its tickets back when it expires or is cancelled; paid tickets go back on sale when the organizer cancels them.
 */
public class TicketedEvent {

    public static final String RESERVATION_EXPIRY = "reservation-expiry";
    /** Keeps one conversation from holding a tier's stock hostage while others wait. */
    public static final int MAX_TICKETS_PER_RESERVATION = 10;
    /**
     * Prices are money with at most two decimals; the ceiling keeps a full reservation's total (ten tickets) inside
     * what the ledgers and read tables hold (14 digits, 2 of them decimals) instead of failing after the event is
     * stored.
     */
    static final BigDecimal MAX_PRICE = new BigDecimal("1000000000");

    /** The longest reason an organizer may give for cancelling paid tickets (it is sent to the contact). */
    public static final int MAX_CANCEL_REASON = 500;

    private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

    @AggregateIdentifier
    private String eventId;
    private String organizationId;
    private String name;
    private final Map<String, TicketStock> ticketTypes = new LinkedHashMap<>();
    private final Map<String, Reservation> reservations = new HashMap<>();
    private final Set<String> issuedCodes = new HashSet<>();
    private final Set<String> participants = new HashSet<>();

    protected TicketedEvent() {
        // required by the event-sourcing repository
    }

    @CommandHandler
    public TicketedEvent(CreateEvent command) {
        requireText(command.eventId(), "event id");
        requireText(command.organizationId(), "organization id");
        requireText(command.name(), "name");
        if (command.startsAt() == null) {
            throw new DomainRuleViolation("missing_starts_at", "the event's start time is required");
        }
        List<TicketTypeDefinition> types = command.ticketTypes() == null ? List.of() : command.ticketTypes();
        Set<String> seen = new HashSet<>();
        for (TicketTypeDefinition type : types) {
            requireValid(type);
            if (!seen.add(type.ticketTypeId())) {
                throw duplicateType(type.ticketTypeId());
            }
        }
        apply(new EventCreated(command.eventId(), command.organizationId(), command.name().strip(),
                blankToNull(command.venue()), command.startsAt()));
        // Applied from the constructor, events reach the handlers only once it returns, so the ids are passed
        // explicitly rather than read from state.
        types.forEach(type -> apply(added(command.eventId(), command.organizationId(), type)));
    }

    @CommandHandler
    public void handle(AddTicketType command) {
        requireValid(command.ticketType());
        if (ticketTypes.containsKey(command.ticketType().ticketTypeId())) {
            throw duplicateType(command.ticketType().ticketTypeId());
        }
        apply(added(eventId, organizationId, command.ticketType()));
    }

    @CommandHandler
    public void handle(ChangeTicketQuantity command) {
        TicketStock stock = ticketType(command.ticketTypeId());
        if (command.quantityAvailable() < 0) {
            throw new DomainRuleViolation("invalid_quantity",
                    "ticket quantity cannot be negative, was " + command.quantityAvailable());
        }
        if (command.quantityAvailable() < stock.taken) {
            throw new DomainRuleViolation("quantity_below_taken", "cannot offer only " + command.quantityAvailable()
                    + " '" + stock.name + "' tickets: " + stock.taken + " are already sold or held");
        }
        if (command.quantityAvailable() != stock.capacity) {
            apply(new TicketQuantityChanged(eventId, organizationId, command.ticketTypeId(),
                    command.quantityAvailable(), command.quantityAvailable() - stock.taken));
        }
    }

    @CommandHandler
    public ReservationResult handle(ReserveTickets command, DeadlineManager deadlineManager) {
        requireText(command.reservationId(), "reservation id");
        Reservation existing = reservations.get(command.reservationId());
        if (existing != null) {
            // A retry must not hold a second lot of tickets, nor fail because the first lot took the last ones.
            return existing.toResult();
        }
        TicketStock stock = ticketType(command.ticketTypeId());
        if (command.quantity() <= 0 || command.quantity() > MAX_TICKETS_PER_RESERVATION) {
            throw new DomainRuleViolation("invalid_quantity", "a reservation is for 1 to "
                    + MAX_TICKETS_PER_RESERVATION + " tickets, was " + command.quantity());
        }
        requireText(command.contactId(), "contact id");
        PhoneNumber contact = PhoneNumber.of(command.contactPhone());
        if (command.requestedAt() == null) {
            throw new DomainRuleViolation("missing_requested_at", "the time of the request is required");
        }
        if (command.holdFor() == null || command.holdFor().isNegative() || command.holdFor().isZero()) {
            throw new DomainRuleViolation("invalid_hold", "tickets must be held for a positive duration, was "
                    + command.holdFor());
        }
        requireOnSale(stock, command.requestedAt());
        int remaining = stock.remaining();
        if (command.quantity() > remaining) {
            throw new DomainRuleViolation("sold_out", remaining == 0
                    ? "'" + stock.name + "' is sold out"
                    : "only " + remaining + " '" + stock.name + "' " + (remaining == 1 ? "ticket is" : "tickets are")
                    + " left, cannot reserve " + command.quantity());
        }
        Instant expiresAt = command.requestedAt().plus(command.holdFor());
        BigDecimal total = stock.price.multiply(BigDecimal.valueOf(command.quantity()));
        apply(new TicketsReserved(eventId, organizationId, command.reservationId(), command.ticketTypeId(),
                command.quantity(), command.contactId(), contact.e164(), blankToNull(command.conversationId()), stock.price, total,
                stock.currency, expiresAt, remaining - command.quantity()));
        deadlineManager.schedule(expiresAt, RESERVATION_EXPIRY, command.reservationId());
        return reservations.get(command.reservationId()).toResult();
    }

    @CommandHandler
    public IssuedTickets handle(ConfirmTicketPayment command) {
        requireText(command.reservationId(), "reservation id");
        requireText(command.paymentReference(), "payment reference");
        Reservation reservation = reservation(command.reservationId());
        if (reservation.status == ReservationStatus.PAID) {
            if (reservation.paymentReference.equals(command.paymentReference())) {
                return reservation.issued();
            }
            throw new DomainRuleViolation("already_paid", "reservation '" + reservation.reservationId
                    + "' was already paid with reference '" + reservation.paymentReference + "'");
        }
        if (reservation.status == ReservationStatus.EXPIRED) {
            throw new DomainRuleViolation("reservation_expired", "reservation '" + reservation.reservationId
                    + "' expired at " + reservation.expiresAt + " and its tickets were released");
        }
        if (reservation.status == ReservationStatus.CANCELLED) {
            throw new DomainRuleViolation("reservation_expired", "reservation '" + reservation.reservationId
                    + "' was cancelled and its tickets were released");
        }
        if (reservation.status == ReservationStatus.VOIDED) {
            // even under the reference it was paid with: its codes no longer admit anyone, so none are handed out
            throw new DomainRuleViolation("tickets_cancelled", "reservation '" + reservation.reservationId
                    + "' was paid, then its tickets were cancelled by the organizer");
        }
        // A payment arriving after expiresAt but before the expiry deadline has run is still accepted: the
        // tickets are still held, and refusing would mean refunding money the contact already sent.
        if (command.amountPaid() == null) {
            throw new DomainRuleViolation("missing_amount_paid", "amount paid is required");
        }
        if (command.amountPaid().compareTo(reservation.total) < 0) {
            throw new DomainRuleViolation("underpaid", "paid " + command.amountPaid().toPlainString() + " "
                    + reservation.currency + " but reservation '" + reservation.reservationId + "' costs "
                    + reservation.total.toPlainString() + " " + reservation.currency);
        }
        TicketStock stock = ticketTypes.get(reservation.ticketTypeId);
        List<String> codes = TicketCodes.generate(TicketCodes.prefix(name, stock.name), eventId,
                reservation.reservationId, reservation.quantity, issuedCodes::contains);
        apply(new TicketsIssued(eventId, organizationId, reservation.reservationId, reservation.ticketTypeId,
                reservation.contactId, reservation.contactPhone, codes, command.paymentReference(), reservation.total, reservation.currency));
        if (!participants.contains(reservation.contactId)) {
            apply(new ParticipantRegistered(eventId, organizationId, reservation.contactId, reservation.contactPhone,
                    ParticipantRegistered.TICKET_PURCHASE));
        }
        return reservation.issued();
    }

    @CommandHandler
    public void handle(CancelTicketReservation command) {
        requireText(command.reservationId(), "reservation id");
        Reservation reservation = reservation(command.reservationId());
        switch (reservation.status) {
            case PAID -> throw new DomainRuleViolation("already_paid", "reservation '" + reservation.reservationId
                    + "' is paid; paid tickets are refunded, not cancelled");
            case EXPIRED, CANCELLED, VOIDED -> {
                // The tickets are already back on sale; a second "cancel" from the contact changes nothing.
            }
            case HELD -> apply(new TicketReservationCancelled(eventId, organizationId, reservation.reservationId,
                    reservation.ticketTypeId, reservation.quantity, blankToNull(command.reason()),
                    ticketTypes.get(reservation.ticketTypeId).remaining() + reservation.quantity));
        }
    }

    /**
     * The organizer calls off a paid purchase. Only a paid reservation can be: a hold is given up with
     * {@link CancelTicketReservation} ({@code not_paid} here, also for an expired or cancelled one). A second
     * cancellation of the same purchase is refused ({@code already_cancelled}) rather than ignored, so an organizer
     * who asks again with another refund learns that the first one (and its refund) stands.
     */
    @CommandHandler
    public void handle(CancelPaidTickets command) {
        requireText(command.reservationId(), "reservation id");
        Reservation reservation = reservation(command.reservationId());
        if (reservation.status == ReservationStatus.VOIDED) {
            throw new DomainRuleViolation("already_cancelled", "the tickets of reservation '"
                    + reservation.reservationId + "' were already cancelled");
        }
        if (reservation.status != ReservationStatus.PAID) {
            throw new DomainRuleViolation("not_paid", "reservation '" + reservation.reservationId + "' is "
                    + reservation.status.name().toLowerCase(java.util.Locale.ROOT)
                    + ", not paid: only paid tickets are cancelled by the organizer");
        }
        requireText(command.reason(), "reason");
        if (command.reason().strip().length() > MAX_CANCEL_REASON) {
            throw new DomainRuleViolation("invalid_reason", "the reason is at most " + MAX_CANCEL_REASON
                    + " characters");
        }
        BigDecimal refund = command.refundAmount();
        if (refund != null && (refund.signum() < 0 || refund.compareTo(reservation.total) > 0
                || refund.stripTrailingZeros().scale() > 2)) {
            throw new DomainRuleViolation("invalid_refund", "a refund is from 0 to the "
                    + reservation.total.toPlainString() + " " + reservation.currency + " paid for reservation '"
                    + reservation.reservationId + "', with at most two decimals; was " + refund.toPlainString());
        }
        apply(new PaidTicketsCancelled(eventId, organizationId, reservation.reservationId, reservation.ticketTypeId,
                reservation.quantity, reservation.contactId, reservation.ticketCodes, command.reason().strip(),
                refund == null || refund.signum() == 0 ? null : refund, reservation.currency,
                blankToNull(command.cancelledBy()),
                ticketTypes.get(reservation.ticketTypeId).remaining() + reservation.quantity));
    }

    @CommandHandler
    public void handle(RegisterParticipant command) {
        requireText(command.contactId(), "contact id");
        PhoneNumber contact = PhoneNumber.of(command.contactPhone());
        requireText(command.source(), "source");
        if (participants.contains(command.contactId())) {
            return;
        }
        // Otherwise a contact could skip paying by registering for free.
        if (ticketTypes.values().stream().anyMatch(TicketStock::isPaid)) {
            throw new DomainRuleViolation("tickets_required",
                    "this event sells paid tickets; participants register by buying one");
        }
        apply(new ParticipantRegistered(eventId, organizationId, command.contactId(), contact.e164(),
                command.source().strip()));
    }

    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void onReservationExpiry(String reservationId) {
        Reservation reservation = reservations.get(reservationId);
        // Paid or cancelled in the meantime: nothing is held any more, so there is nothing to give back.
        if (reservation == null || reservation.status != ReservationStatus.HELD) {
            return;
        }
        apply(new TicketReservationExpired(eventId, organizationId, reservationId, reservation.ticketTypeId,
                reservation.quantity, ticketTypes.get(reservation.ticketTypeId).remaining() + reservation.quantity));
    }

    /** Tickets of the type that can still be reserved, or {@code -1} for a type the event does not have. */
    public int remaining(String ticketTypeId) {
        TicketStock stock = ticketTypes.get(ticketTypeId);
        return stock == null ? -1 : stock.remaining();
    }

    /** {@code null} when the event has no such reservation. */
    public ReservationStatus reservationStatus(String reservationId) {
        Reservation reservation = reservations.get(reservationId);
        return reservation == null ? null : reservation.status;
    }

    public Set<String> issuedCodes() {
        return Collections.unmodifiableSet(issuedCodes);
    }

    public boolean isParticipant(String contactId) {
        return participants.contains(contactId);
    }

    public int participantCount() {
        return participants.size();
    }

    public Set<String> ticketTypeIds() {
        return Collections.unmodifiableSet(ticketTypes.keySet());
    }

    public String eventId() {
        return eventId;
    }

    public String organizationId() {
        return organizationId;
    }

    public String name() {
        return name;
    }

    private TicketStock ticketType(String ticketTypeId) {
        TicketStock stock = ticketTypes.get(ticketTypeId);
        if (stock == null) {
            throw new DomainRuleViolation("unknown_ticket_type",
                    "event '" + eventId + "' has no ticket type '" + ticketTypeId + "'");
        }
        return stock;
    }

    private Reservation reservation(String reservationId) {
        Reservation reservation = reservations.get(reservationId);
        if (reservation == null) {
            throw new DomainRuleViolation("unknown_reservation",
                    "event '" + eventId + "' has no reservation '" + reservationId + "'");
        }
        return reservation;
    }

    private static void requireOnSale(TicketStock stock, Instant at) {
        if (stock.salesStart != null && at.isBefore(stock.salesStart)) {
            throw new DomainRuleViolation("sales_not_open",
                    "sales of '" + stock.name + "' open at " + stock.salesStart);
        }
        if (stock.salesEnd != null && !at.isBefore(stock.salesEnd)) {
            throw new DomainRuleViolation("sales_closed", "sales of '" + stock.name + "' closed at " + stock.salesEnd);
        }
    }

    private static void requireValid(TicketTypeDefinition type) {
        if (type == null) {
            throw new DomainRuleViolation("missing_ticket_type", "ticket type is required");
        }
        requireText(type.ticketTypeId(), "ticket type id");
        requireText(type.name(), "ticket type name");
        if (type.price() == null || type.price().signum() < 0) {
            throw new DomainRuleViolation("invalid_price", "price of '" + type.name()
                    + "' must be zero or more, was " + (type.price() == null ? null : type.price().toPlainString()));
        }
        if (type.price().compareTo(MAX_PRICE) > 0 || type.price().stripTrailingZeros().scale() > 2) {
            throw new DomainRuleViolation("invalid_price", "price of '" + type.name() + "' must have at most two decimals"
                    + " and be at most " + MAX_PRICE.toPlainString() + ", was " + type.price().toPlainString());
        }
        if (type.currency() == null || !CURRENCY_CODE.matcher(type.currency()).matches() || !isIsoCurrency(type.currency())) {
            throw new DomainRuleViolation("invalid_currency",
                    "currency must be an ISO 4217 code such as KES, was '" + type.currency() + "'");
        }
        if (type.quantityAvailable() < 0) {
            throw new DomainRuleViolation("invalid_quantity", "quantity of '" + type.name()
                    + "' cannot be negative, was " + type.quantityAvailable());
        }
        if (type.salesStart() != null && type.salesEnd() != null && type.salesEnd().isBefore(type.salesStart())) {
            throw new DomainRuleViolation("invalid_sales_window", "sales of '" + type.name() + "' cannot end ("
                    + type.salesEnd() + ") before they start (" + type.salesStart() + ")");
        }
    }

    private static boolean isIsoCurrency(String code) {
        return Currency.getAvailableCurrencies().stream().anyMatch(currency -> currency.getCurrencyCode().equals(code));
    }

    private static DomainRuleViolation duplicateType(String ticketTypeId) {
        return new DomainRuleViolation("duplicate_ticket_type", "ticket type '" + ticketTypeId + "' already exists");
    }

    private static TicketTypeAdded added(String eventId, String organizationId, TicketTypeDefinition type) {
        return new TicketTypeAdded(eventId, organizationId, type.ticketTypeId(), type.name().strip(), type.price(),
                type.currency(), type.quantityAvailable(), type.salesStart(), type.salesEnd());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @EventSourcingHandler
    void on(EventCreated event) {
        eventId = event.eventId();
        organizationId = event.organizationId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(TicketTypeAdded event) {
        ticketTypes.put(event.ticketTypeId(), new TicketStock(event));
    }

    @EventSourcingHandler
    void on(TicketQuantityChanged event) {
        ticketTypes.get(event.ticketTypeId()).capacity = event.quantityAvailable();
    }

    @EventSourcingHandler
    void on(TicketsReserved event) {
        ticketTypes.get(event.ticketTypeId()).taken += event.quantity();
        reservations.put(event.reservationId(), new Reservation(event));
    }

    @EventSourcingHandler
    void on(TicketsIssued event) {
        Reservation reservation = reservations.get(event.reservationId());
        reservation.status = ReservationStatus.PAID;
        reservation.paymentReference = event.paymentReference();
        reservation.ticketCodes = event.ticketCodes();
        issuedCodes.addAll(event.ticketCodes());
    }

    @EventSourcingHandler
    void on(TicketReservationExpired event) {
        release(event.reservationId(), ReservationStatus.EXPIRED);
    }

    @EventSourcingHandler
    void on(TicketReservationCancelled event) {
        release(event.reservationId(), ReservationStatus.CANCELLED);
    }

    /**
     * The codes stay in {@link #issuedCodes}: a cancelled code must never be issued again, or a new buyer's ticket
     * would share its code (and its "cancelled" mark at the gate, and its admission stream) with the old one. The
     * contact stays a participant: they registered, and may hold other tickets.
     */
    @EventSourcingHandler
    void on(PaidTicketsCancelled event) {
        release(event.reservationId(), ReservationStatus.VOIDED);
    }

    @EventSourcingHandler
    void on(ParticipantRegistered event) {
        participants.add(event.contactId());
    }

    private void release(String reservationId, ReservationStatus status) {
        Reservation reservation = reservations.get(reservationId);
        reservation.status = status;
        ticketTypes.get(reservation.ticketTypeId).taken -= reservation.quantity;
    }

    /** Stock of one ticket type; "taken" counts tickets both sold and held, since neither may be sold again. */
    private static final class TicketStock {
        private final String name;
        private final BigDecimal price;
        private final String currency;
        private final Instant salesStart;
        private final Instant salesEnd;
        private int capacity;
        private int taken;

        private TicketStock(TicketTypeAdded event) {
            name = event.name();
            price = event.price();
            currency = event.currency();
            salesStart = event.salesStart();
            salesEnd = event.salesEnd();
            capacity = event.quantityAvailable();
        }

        private int remaining() {
            return capacity - taken;
        }

        private boolean isPaid() {
            return price.signum() > 0;
        }

        // Value equality lets the test fixture check that replaying the events rebuilds the same state.
        @Override
        public boolean equals(Object other) {
            return other instanceof TicketStock that && capacity == that.capacity && taken == that.taken
                    && name.equals(that.name) && price.equals(that.price) && currency.equals(that.currency)
                    && Objects.equals(salesStart, that.salesStart) && Objects.equals(salesEnd, that.salesEnd);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, capacity, taken);
        }
    }

    private static final class Reservation {
        private final String reservationId;
        private final String ticketTypeId;
        private final int quantity;
        private final String contactId;
        private final String contactPhone;
        private final BigDecimal unitPrice;
        private final BigDecimal total;
        private final String currency;
        private final Instant expiresAt;
        private ReservationStatus status = ReservationStatus.HELD;
        private String paymentReference;
        private List<String> ticketCodes = List.of();

        private Reservation(TicketsReserved event) {
            reservationId = event.reservationId();
            ticketTypeId = event.ticketTypeId();
            quantity = event.quantity();
            contactId = event.contactId();
            contactPhone = event.contactPhone();
            unitPrice = event.unitPrice();
            total = event.total();
            currency = event.currency();
            expiresAt = event.expiresAt();
        }

        private ReservationResult toResult() {
            return new ReservationResult(reservationId, ticketTypeId, quantity, unitPrice, total, currency, expiresAt,
                    status);
        }

        private IssuedTickets issued() {
            return new IssuedTickets(reservationId, ticketCodes, total, currency);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Reservation that && toResult().equals(that.toResult())
                    && Objects.equals(contactId, that.contactId)
                    && Objects.equals(paymentReference, that.paymentReference)
                    && ticketCodes.equals(that.ticketCodes);
        }

        @Override
        public int hashCode() {
            return reservationId.hashCode();
        }
    }
}
