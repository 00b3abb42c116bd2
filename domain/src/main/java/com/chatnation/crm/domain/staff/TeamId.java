package com.chatnation.crm.domain.staff;

/**
 * Each organization has exactly one team. Its aggregate identifier is derived from the organization's,
 * prefixed because the event store keys streams by identifier alone and the organization has a stream too.
 */
public final class TeamId {

    private static final String PREFIX = "team-";

    private TeamId() {
    }

    public static String forOrganization(String organizationId) {
        return PREFIX + organizationId;
    }

    public static String organizationOf(String teamId) {
        return teamId.startsWith(PREFIX) ? teamId.substring(PREFIX.length()) : teamId;
    }
}
