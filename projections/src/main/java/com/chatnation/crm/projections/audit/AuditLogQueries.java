package com.chatnation.crm.projections.audit;

import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.Page;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Reads an organization's audit log. */
@Repository
public class AuditLogQueries {

    /** One administrative act: who, from where, what, on which resource, and the event without its secrets. */
    public record AuditEntry(String eventId, Instant occurredAt, String actorType, String actorId, String actorAddress,
                             String action, String resourceType, String resourceId, JsonNode details) {
        Cursor cursor() {
            return Cursor.of(occurredAt, eventId);
        }
    }

    /**
     * Optional filters, each an exact match; {@code from} is inclusive and {@code to} exclusive. {@code action} is
     * an event name ({@code SurveyPublished}), {@code resourceType} an aggregate type ({@code Survey}).
     */
    public record AuditFilter(String actorId, String actorType, String action, String resourceType, String resourceId,
                              Instant from, Instant to) {
        public AuditFilter {
            if (actorType != null && !AuditMetaData.ACTOR_TYPES.contains(actorType)) {
                throw new IllegalArgumentException("unknown actor type '" + actorType + "'");
            }
        }

        public static AuditFilter none() {
            return new AuditFilter(null, null, null, null, null, null, null);
        }
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<AuditEntry> entry;

    public AuditLogQueries(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.entry = (rs, n) -> new AuditEntry(rs.getString("event_id"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), rs.getString("actor_type"),
                rs.getString("actor_id"), rs.getString("actor_address"), rs.getString("action"),
                rs.getString("resource_type"), rs.getString("resource_id"), details(json, rs.getString("details")));
    }

    /**
     * Entries newest first, the event id breaking ties of equal times. An actor, action or resource id narrows the
     * scan to {@code audit_log_organization_actor_page}, {@code …_action_page} or {@code …_resource_page}, otherwise
     * it walks {@code audit_log_organization_page}; a date range bounds the same range scan.
     *
     * @param after the last entry of the previous page, or null
     */
    public Page<AuditEntry> entries(String organizationId, AuditFilter filter, int limit, Cursor after) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        StringBuilder sql = new StringBuilder("""
                SELECT event_id, occurred_at, actor_type, actor_id, actor_address, action, resource_type, resource_id,
                       details
                FROM audit_log WHERE organization_id = :org""");
        equal(sql, params, "actor_id", filter.actorId());
        equal(sql, params, "actor_type", filter.actorType());
        equal(sql, params, "action", filter.action());
        equal(sql, params, "resource_type", filter.resourceType());
        equal(sql, params, "resource_id", filter.resourceId());
        if (filter.from() != null) {
            sql.append(" AND occurred_at >= :from");
            params.addValue("from", filter.from().atOffset(ZoneOffset.UTC));
        }
        if (filter.to() != null) {
            sql.append(" AND occurred_at < :to");
            params.addValue("to", filter.to().atOffset(ZoneOffset.UTC));
        }
        if (after != null) {
            sql.append(" AND (occurred_at, event_id) < (:afterAt, :afterId)");
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        sql.append(" ORDER BY occurred_at DESC, event_id DESC LIMIT :limit");
        return Page.of(jdbc.query(sql.toString(), params, entry), limit, AuditEntry::cursor);
    }

    /**
     * The actions (event names) in the organization's log, in order, at most {@code limit}: one probe of
     * {@code audit_log_organization_action_page} per name, however long the log.
     */
    public List<String> actions(String organizationId, int limit) {
        return jdbc.queryForList("""
                WITH RECURSIVE seen(action) AS (
                    (SELECT action FROM audit_log WHERE organization_id = :org ORDER BY action LIMIT 1)
                    UNION ALL
                    SELECT (SELECT a.action FROM audit_log a WHERE a.organization_id = :org AND a.action > seen.action
                            ORDER BY a.action LIMIT 1)
                    FROM seen WHERE seen.action IS NOT NULL
                )
                SELECT action FROM seen WHERE action IS NOT NULL LIMIT :limit""",
                new MapSqlParameterSource("org", organizationId).addValue("limit", limit), String.class);
    }

    private static void equal(StringBuilder sql, MapSqlParameterSource params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(column);
            params.addValue(column, value);
        }
    }

    private static JsonNode details(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_log.details does not hold JSON", e);
        }
    }
}
