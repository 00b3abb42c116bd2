package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

/** A member lost access for good (or a pending invitation was cancelled). */
@Revision("1")
public record StaffDeactivated(String teamId, String organizationId, String userId) implements TeamEvent {
}
