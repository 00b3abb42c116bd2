package com.chatnation.crm.domain.staff;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** What a staff member may do in their organization. Stored and sent over the wire in lower case. */
public enum StaffRole {
    OWNER, ADMIN, EDITOR, AGENT, VIEWER, BILLING,
    /** Gate staff: checks tickets in at an event's entrances, and sees nothing else. */
    GATE,
    /** Exhibitor staff: reads and exports the leads of the exhibitors they are assigned to, and sees nothing else. */
    EXHIBITOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StaffRole parse(String value) {
        if (value != null) {
            for (StaffRole role : values()) {
                if (role.name().equalsIgnoreCase(value.strip())) {
                    return role;
                }
            }
        }
        throw new DomainRuleViolation("unknown_role", "unknown role '" + value + "'");
    }

    /**
     * The roles in declaration order, unmodifiable, so events list them the same way on every run. Null or empty
     * gives an empty set; a null element is an unknown role.
     */
    static Set<StaffRole> copyOf(Collection<StaffRole> roles) {
        if (roles == null || roles.isEmpty()) {
            return Set.of();
        }
        if (roles.stream().anyMatch(Objects::isNull)) { // contains(null) throws on immutable sets
            throw new DomainRuleViolation("unknown_role", "roles cannot contain an empty entry");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }
}
