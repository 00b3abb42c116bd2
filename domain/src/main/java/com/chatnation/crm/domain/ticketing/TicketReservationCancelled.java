package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

/** The contact gave up an unpaid hold and its tickets went back on sale. */
@Revision("1")
public record TicketReservationCancelled(String eventId, String organizationId, String reservationId,
                                         String ticketTypeId, int quantity, String reason, int remainingAfter)
        implements TicketingEvent {
}
