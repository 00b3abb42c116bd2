package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A member of the organization's team may read this exhibitor's leads from now on. */
@Revision("1")
public record ExhibitorStaffAssigned(String exhibitorId, String organizationId, String userId, Instant at)
        implements ExhibitorEvent {
}
