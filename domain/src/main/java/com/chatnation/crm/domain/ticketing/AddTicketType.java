package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddTicketType(@TargetAggregateIdentifier String eventId, TicketTypeDefinition ticketType) {
}
