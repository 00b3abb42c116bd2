package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/**
 * The organizer calls off a paid purchase: its tickets stop admitting anyone and go back on sale.
 *
 * @param reason       why, in the organizer's words; the contact is told it (required)
 * @param refundAmount what is given back to the contact, at most the reservation's price; {@code null} or zero for no
 *                     refund. Recorded only: the money itself moves outside the service
 * @param cancelledBy  the member (or API key) that cancelled it
 */
public record CancelPaidTickets(@TargetAggregateIdentifier String eventId, String reservationId, String reason,
                                BigDecimal refundAmount, String cancelledBy) {
}
