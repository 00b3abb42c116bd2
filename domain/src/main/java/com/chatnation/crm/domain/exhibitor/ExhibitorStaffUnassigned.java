package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record ExhibitorStaffUnassigned(String exhibitorId, String organizationId, String userId, Instant at)
        implements ExhibitorEvent {
}
