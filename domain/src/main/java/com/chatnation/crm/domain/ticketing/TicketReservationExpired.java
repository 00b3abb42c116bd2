package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

/** An unpaid hold ran out and its tickets went back on sale. */
@Revision("1")
public record TicketReservationExpired(String eventId, String organizationId, String reservationId, String ticketTypeId,
                                       int quantity, int remainingAfter) implements TicketingEvent {
}
