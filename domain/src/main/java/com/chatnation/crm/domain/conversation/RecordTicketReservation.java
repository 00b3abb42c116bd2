package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the conversation whether the tickets it asked for were reserved. */
public record RecordTicketReservation(@TargetAggregateIdentifier String conversationId, String reservationId, ReservationOutcome outcome) {
}
