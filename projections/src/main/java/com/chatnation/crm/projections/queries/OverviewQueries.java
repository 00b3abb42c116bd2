package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Counts of the dashboard's overview that are states now rather than daily facts (those come from rollups). */
@Component
public class OverviewQueries {

    private final JdbcTemplate jdbc;

    public OverviewQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sessions still open ({@code conversations_organization_status}). */
    public long activeConversations(String organizationId) {
        Long count = jdbc.queryForObject(
                "SELECT count(*) FROM conversations WHERE organization_id = ? AND status = 'active'", Long.class,
                organizationId);
        return count == null ? 0 : count;
    }

    /** Sessions handed to the team and not yet given back or ended ({@code conversations_inbox}). */
    public long openHandovers(String organizationId) {
        Long count = jdbc.queryForObject("""
                SELECT count(*) FROM conversations
                WHERE organization_id = ? AND inbox_status IN ('waiting', 'assigned')""", Long.class, organizationId);
        return count == null ? 0 : count;
    }
}
