package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Saves a venue the organization's events and sessions may be at. */
public record CreateVenue(@TargetAggregateIdentifier String venueId, String organizationId, String name,
                          String address, Integer capacity, Instant at) {
}
