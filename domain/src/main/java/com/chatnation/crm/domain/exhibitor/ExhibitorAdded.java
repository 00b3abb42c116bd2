package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ExhibitorAdded(String exhibitorId, String organizationId, String eventId, String companyName,
                             String boothCode, String description, Instant at) implements ExhibitorEvent {
}
