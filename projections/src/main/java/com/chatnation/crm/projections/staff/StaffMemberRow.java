package com.chatnation.crm.projections.staff;

import com.chatnation.crm.domain.staff.StaffRole;

import java.time.Instant;
import java.util.Set;

/**
 * One member of a team, from {@code users} and {@code user_roles}. {@code status} is {@value #INVITED},
 * {@value #ACTIVE} or {@value #DEACTIVATED}; e-mail and phone are in canonical form, either may be null.
 */
public record StaffMemberRow(String id, String organizationId, String email, String phone, String displayName,
                             String status, Set<StaffRole> roles, Instant invitedAt, Instant joinedAt,
                             Instant passwordChangedAt) {

    public static final String INVITED = "invited";
    public static final String ACTIVE = "active";
    public static final String DEACTIVATED = "deactivated";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
