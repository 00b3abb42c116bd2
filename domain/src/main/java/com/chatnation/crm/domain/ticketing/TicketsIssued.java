package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/** A reservation was paid and became tickets; the codes are what the contact shows at the door. */
@Revision("1")
public record TicketsIssued(String eventId, String organizationId, String reservationId, String ticketTypeId,
                            String contactPhone, List<String> ticketCodes, String paymentReference, BigDecimal total,
                            String currency) implements TicketingEvent {

    public TicketsIssued {
        ticketCodes = List.copyOf(ticketCodes);
    }
}
