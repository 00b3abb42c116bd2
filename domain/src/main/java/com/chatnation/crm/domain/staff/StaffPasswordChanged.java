package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A member set a new password. The password's hash is deliberately not part of the event. */
@Revision("1")
public record StaffPasswordChanged(String teamId, String organizationId, String userId, Instant changedAt) implements TeamEvent {
}
