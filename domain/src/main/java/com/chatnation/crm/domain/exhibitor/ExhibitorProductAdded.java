package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ExhibitorProductAdded(String exhibitorId, String organizationId, String eventId, String productId,
                                    String name, String description, Instant at) implements ExhibitorEvent {
}
