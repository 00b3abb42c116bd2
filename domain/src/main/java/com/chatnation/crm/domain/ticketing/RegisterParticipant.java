package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Signs a contact up for an event that sells no paid tickets; {@code source} says where, e.g. "whatsapp". */
public record RegisterParticipant(@TargetAggregateIdentifier String eventId, String contactId, String contactPhone, String source) {
}
