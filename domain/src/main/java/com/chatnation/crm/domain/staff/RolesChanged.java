package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.util.Set;

/** A member's roles are now exactly these. */
@Revision("1")
public record RolesChanged(String teamId, String organizationId, String userId, Set<StaffRole> roles) implements TeamEvent {
}
