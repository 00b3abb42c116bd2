package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The contact gave up before paying; {@code reason} is free text for the organizer and may be null. */
public record CancelTicketReservation(@TargetAggregateIdentifier String eventId, String reservationId, String reason) {
}
