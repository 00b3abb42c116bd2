package com.chatnation.crm.domain.ticketing;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/**
 * The organizer cancelled a paid purchase: its tickets ({@code ticketCodes}) admit no one any more and
 * {@code quantity} tickets of the type went back on sale, leaving {@code remainingAfter}. {@code refundAmount} (in
 * {@code currency}) is the refund the organizer recorded, {@code null} when none; it is a record of money owed to the
 * contact, not a payment the service made. The contact is named by the opaque id only: the event holds no personal
 * data.
 */
@Revision("1")
public record PaidTicketsCancelled(String eventId, String organizationId, String reservationId, String ticketTypeId,
                                   int quantity, String contactId, List<String> ticketCodes, String reason,
                                   BigDecimal refundAmount, String currency, String cancelledBy, int remainingAfter)
        implements TicketingEvent {

    public PaidTicketsCancelled {
        ticketCodes = List.copyOf(ticketCodes);
    }
}
