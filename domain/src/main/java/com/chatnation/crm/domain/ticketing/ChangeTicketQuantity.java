package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets the total number of tickets of a type the event can sell (not the number left), so the command means
 * the same thing however many were sold when it was sent.
 */
public record ChangeTicketQuantity(@TargetAggregateIdentifier String eventId, String ticketTypeId, int quantityAvailable) {
}
