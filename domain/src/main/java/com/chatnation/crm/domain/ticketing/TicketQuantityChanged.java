package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

/** The organizer changed how many tickets of a type can be sold in total; {@code remainingAfter} is what is left. */
@Revision("1")
public record TicketQuantityChanged(String eventId, String organizationId, String ticketTypeId, int quantityAvailable,
                                    int remainingAfter) implements TicketingEvent {
}
