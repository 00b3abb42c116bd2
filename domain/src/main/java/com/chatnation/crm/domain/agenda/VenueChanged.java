package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What is saved about a venue was replaced. */
@Revision("1")
public record VenueChanged(String venueId, String organizationId, String name, String address, Integer capacity,
                           Instant at) {
}
