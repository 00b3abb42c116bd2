package com.chatnation.crm.domain.agenda;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A venue is saved: name and address stripped, a blank address null; capacity null when not said. */
@Revision("1")
public record VenueCreated(String venueId, String organizationId, String name, String address, Integer capacity,
                           Instant at) {
}
