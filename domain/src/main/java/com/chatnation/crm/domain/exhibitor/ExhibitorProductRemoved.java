package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ExhibitorProductRemoved(String exhibitorId, String organizationId, String productId, Instant at)
        implements ExhibitorEvent {
}
