package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces what is saved about a venue. */
public record ChangeVenue(@TargetAggregateIdentifier String venueId, String organizationId, String name,
                          String address, Integer capacity, Instant at) {
}
