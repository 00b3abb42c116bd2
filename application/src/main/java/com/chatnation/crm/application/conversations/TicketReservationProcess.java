package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.payments.PaymentRequests;
import com.chatnation.crm.application.ticketing.JdbcEventCatalog;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordTicketReservation;
import com.chatnation.crm.domain.conversation.ReservationOutcome;
import com.chatnation.crm.domain.ticketing.ReservationResult;
import com.chatnation.crm.domain.ticketing.ReserveTickets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Reserving tickets: the contact confirmed a purchase → the {@code TicketedEvent} holds the tickets for
 * {@code crm.conversations.ticket-hold}, or refuses (sold out, too few left, sales closed, unknown ticket type)
 * → when M-Pesa can take the total, a payment is asked of the contact's phone (the prompt goes out once this
 * transaction commits) → the conversation records the outcome and replies with the payment instructions or the reason.
 * <p>
 * Synchronous, in the transaction of the confirmation: the contact expects the payment reference as the reply
 * to their "yes", and the hold and the conversation's record of it commit together, so a retried message can
 * neither hold tickets twice nor hold them without telling the contact.
 */
@Component
class TicketReservationProcess implements ConversationProcess<ConversationEffect.ReserveTickets> {

    /** Names used when the catalog no longer knows the event or ticket type. */
    private static final String[] UNKNOWN_NAMES = {"the event", "tickets"};

    private final CommandGateway commands;
    private final JdbcEventCatalog catalog;
    private final ConversationSettings settings;
    private final PaymentRequests payments;

    TicketReservationProcess(CommandGateway commands, JdbcEventCatalog catalog, ConversationSettings settings,
                             PaymentRequests payments) {
        this.commands = commands;
        this.catalog = catalog;
        this.settings = settings;
        this.payments = payments;
    }

    @Override
    public Class<ConversationEffect.ReserveTickets> effect() {
        return ConversationEffect.ReserveTickets.class;
    }

    @Override
    public void run(ConversationEffect.ReserveTickets reserve, EffectOrigin origin) {
        commands.sendAndWait(new RecordTicketReservation(origin.conversationId(), reserve.reservationId(),
                reserve(reserve, origin)));
    }

    private ReservationOutcome reserve(ConversationEffect.ReserveTickets reserve, EffectOrigin origin) {
        ReservationResult held;
        try {
            held = commands.sendAndWait(new ReserveTickets(reserve.eventId(), reserve.reservationId(),
                    reserve.ticketTypeId(), reserve.quantity(), origin.contactId(), origin.contactPhone(), origin.conversationId(),
                    origin.at(), settings.ticketHold()));
        } catch (DomainRuleViolation refused) {
            return ReservationOutcome.refused(refused.getMessage());
        }
        String[] names = catalog.names(reserve.eventId(), reserve.ticketTypeId()).orElse(UNKNOWN_NAMES);
        ReservationOutcome reserved = ReservationOutcome.reserved(names[0], names[1], held.quantity(), held.total(),
                held.currency(), held.expiresAt());
        boolean prompted = payments.forReservation(origin.organizationId(), reserve.eventId(), reserve.reservationId(),
                held.total(), held.currency(), origin.contactId(), origin.contactPhone(), origin.conversationId(),
                origin.at(), held.expiresAt()).isPresent();
        return prompted ? reserved.withPaymentPrompt() : reserved;
    }
}
