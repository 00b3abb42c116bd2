package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The invitee accepted: the member is active. */
@Revision("1")
public record StaffJoined(String teamId, String organizationId, String userId, Instant acceptedAt) implements TeamEvent {
}
