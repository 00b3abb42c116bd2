package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.payments.PaymentCancellations;
import com.chatnation.crm.application.ticketing.JdbcEventCatalog;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordReservationCancellation;
import com.chatnation.crm.domain.conversation.ReservationCancellation;
import com.chatnation.crm.domain.conversation.ReservationCancellation.Result;
import com.chatnation.crm.domain.ticketing.CancelTicketReservation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A contact gives up their unpaid reservation: the {@code TicketedEvent} puts its tickets back on sale, an M-Pesa
 * payment still asked of the phone is given up (money that comes for it anyway is flagged for a refund), and the
 * conversation says so. Only the conversation that made the reservation can cancel it; a paid one is the organizer's
 * to cancel and refund.
 */
@Component
class ReservationCancellationProcess implements ConversationProcess<ConversationEffect.CancelReservation> {

    static final String REASON = "cancelled by the contact";

    private final CommandGateway commands;
    private final JdbcEventCatalog catalog;
    private final PaymentCancellations payments;

    ReservationCancellationProcess(CommandGateway commands, JdbcEventCatalog catalog, PaymentCancellations payments) {
        this.commands = commands;
        this.catalog = catalog;
        this.payments = payments;
    }

    @Override
    public Class<ConversationEffect.CancelReservation> effect() {
        return ConversationEffect.CancelReservation.class;
    }

    @Override
    public void run(ConversationEffect.CancelReservation cancel, EffectOrigin origin) {
        commands.sendAndWait(new RecordReservationCancellation(origin.conversationId(), cancel.reservationId(),
                cancel(cancel.reservationId(), origin)));
    }

    private ReservationCancellation cancel(String reservationId, EffectOrigin origin) {
        Optional<JdbcEventCatalog.ReservationRow> found = catalog.reservation(origin.organizationId(), reservationId)
                .filter(row -> origin.conversationId().equals(row.conversationId()));
        if (found.isEmpty()) {
            return new ReservationCancellation(Result.UNKNOWN, null, null, 0);
        }
        JdbcEventCatalog.ReservationRow reservation = found.get();
        Result result = switch (reservation.status()) {
            case "held" -> Result.CANCELLED;
            case "paid" -> Result.ALREADY_PAID;
            default -> Result.ALREADY_RELEASED;
        };
        if (result == Result.CANCELLED) {
            commands.sendAndWait(new CancelTicketReservation(reservation.eventId(), reservationId, REASON));
            payments.giveUpForReservation(reservationId, origin.at());
        }
        return new ReservationCancellation(result, reservation.eventName(), reservation.ticketTypeName(),
                reservation.quantity());
    }
}
