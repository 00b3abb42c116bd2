package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;

/** An organization's broadcasts, newest first, and one broadcast's funnel from its recipients. */
@Repository
public class BroadcastQueries {

    public record BroadcastRow(String id, String name, String templateName, String templateLanguage,
                               String templateCategory, String audienceId, String status, Instant scheduledAt,
                               Instant startedAt, Instant completedAt, Instant cancelledAt, int recipients,
                               int suppressed, long tokensReserved, long tokensCaptured, long tokensReleased,
                               Instant createdAt) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    /**
     * Where a broadcast's recipients are: the audience (every recipient queued), those left out, and those sent,
     * delivered, read (each stage counts the recipients that reached it or a later one), failed, replied; failures by
     * WhatsApp error code; tokens captured and given back.
     */
    /**
     * {@code converted}: recipients sent to who completed a survey or were issued a ticket within
     * {@link #CONVERSION_WINDOW} after the broadcast's message.
     */
    public record Funnel(long audience, long suppressed, long sent, long delivered, long read, long failed,
                         long replied, long converted, Map<String, Long> suppressedBy, Map<String, Long> failedBy,
                         long tokensCaptured, long tokensRefunded) {
    }

    /**
     * Where a broadcast's recipients are now, as cheap counts for a page that follows it live: still
     * {@code queued}, {@code suppressed} (left out), and the stages as {@link Funnel} counts them.
     */
    public record Progress(long queued, long suppressed, long sent, long delivered, long read, long failed,
                           long replied) {

        public static final Progress NONE = new Progress(0, 0, 0, 0, 0, 0, 0);
    }

    /** Recipients whose message failed with one WhatsApp error code, and that error's title. */
    public record Failure(String code, String title, long recipients) {
    }

    /** How long after a broadcast's message a survey completed or a ticket bought still counts as its conversion. */
    public static final java.time.Duration CONVERSION_WINDOW = java.time.Duration.ofDays(7);

    private static final RowMapper<BroadcastRow> BROADCAST = (rs, n) -> new BroadcastRow(rs.getString("id"),
            rs.getString("name"), rs.getString("template_name"), rs.getString("template_language"),
            rs.getString("template_category"), rs.getString("audience_id"), rs.getString("status"),
            instant(rs, "scheduled_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
            instant(rs, "cancelled_at"), rs.getInt("recipients"), rs.getInt("suppressed"),
            rs.getLong("tokens_reserved"), rs.getLong("tokens_captured"), rs.getLong("tokens_released"),
            instant(rs, "created_at"));

    private final NamedParameterJdbcTemplate jdbc;

    public BroadcastQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first, on {@code broadcasts_organization_created}. */
    public Page<BroadcastRow> broadcasts(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String page = "";
        if (after != null) {
            page = " AND (created_at, id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        return Page.of(jdbc.query("SELECT * FROM broadcasts WHERE organization_id = :org" + page
                + " ORDER BY created_at DESC, id DESC LIMIT :limit", params, BROADCAST), limit, BroadcastRow::cursor);
    }

    public Optional<BroadcastRow> broadcast(String organizationId, String broadcastId) {
        return jdbc.query("SELECT * FROM broadcasts WHERE organization_id = :org AND id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", broadcastId), BROADCAST)
                .stream().findFirst();
    }

    /** Counted over {@code broadcast_recipients_broadcast_status}. */
    public Funnel funnel(String organizationId, String broadcastId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", broadcastId);
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT count(*) AS audience,
                       count(*) FILTER (WHERE status = 'suppressed') AS suppressed,
                       count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                       count(*) FILTER (WHERE status IN ('delivered', 'read') OR delivered_at IS NOT NULL) AS delivered,
                       count(*) FILTER (WHERE status = 'read') AS read,
                       count(*) FILTER (WHERE status = 'failed') AS failed,
                       count(*) FILTER (WHERE replied_at IS NOT NULL) AS replied,
                       count(*) FILTER (WHERE r.sent_at IS NOT NULL AND r.status <> 'failed' AND (
                           EXISTS (SELECT 1 FROM survey_responses s WHERE s.contact_id = r.contact_id
                                   AND s.organization_id = r.organization_id AND s.completed_at >= r.sent_at
                                   AND s.completed_at < r.sent_at + :window * interval '1 second')
                           OR EXISTS (SELECT 1 FROM tickets t WHERE t.contact_id = r.contact_id
                                   AND t.organization_id = r.organization_id AND t.issued_at >= r.sent_at
                                   AND t.issued_at < r.sent_at + :window * interval '1 second'))) AS converted,
                       coalesce(sum(tokens_captured), 0) AS captured,
                       coalesce(sum(tokens_refunded), 0) AS refunded
                FROM broadcast_recipients r WHERE broadcast_id = :id AND organization_id = :org""",
                params.addValue("window", CONVERSION_WINDOW.toSeconds()));
        return new Funnel(number(counts, "audience"), number(counts, "suppressed"), number(counts, "sent"),
                number(counts, "delivered"), number(counts, "read"), number(counts, "failed"),
                number(counts, "replied"), number(counts, "converted"), grouped("suppression_reason", "suppressed", params),
                grouped("error_code::text", "failed", params), number(counts, "captured"),
                number(counts, "refunded"));
    }

    /**
     * Each broadcast's {@link Progress}, for a page of broadcasts at once ({@code broadcast_recipients_broadcast_status});
     * a broadcast without recipients (a draft) is absent.
     */
    public Map<String, Progress> progress(String organizationId, Collection<String> broadcastIds) {
        Map<String, Progress> progress = new LinkedHashMap<>();
        if (broadcastIds.isEmpty()) {
            return progress;
        }
        jdbc.query("""
                        SELECT broadcast_id,
                               count(*) FILTER (WHERE status = 'queued') AS queued,
                               count(*) FILTER (WHERE status = 'suppressed') AS suppressed,
                               count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
                               count(*) FILTER (WHERE status IN ('delivered', 'read') OR delivered_at IS NOT NULL) AS delivered,
                               count(*) FILTER (WHERE status = 'read') AS read,
                               count(*) FILTER (WHERE status = 'failed') AS failed,
                               count(*) FILTER (WHERE replied_at IS NOT NULL) AS replied
                        FROM broadcast_recipients WHERE organization_id = :org AND broadcast_id IN (:ids)
                        GROUP BY broadcast_id""",
                new MapSqlParameterSource("org", organizationId).addValue("ids", broadcastIds),
                rs -> {
                    progress.put(rs.getString("broadcast_id"), new Progress(rs.getLong("queued"),
                            rs.getLong("suppressed"), rs.getLong("sent"), rs.getLong("delivered"), rs.getLong("read"),
                            rs.getLong("failed"), rs.getLong("replied")));
                });
        return progress;
    }

    /** The broadcast's failures by WhatsApp error code, most frequent first; no code: {@code unknown}. */
    public List<Failure> failures(String organizationId, String broadcastId) {
        List<Failure> failures = new ArrayList<>();
        jdbc.query("""
                        SELECT coalesce(error_code::text, 'unknown') AS code, min(error_title) AS title, count(*) AS n
                        FROM broadcast_recipients
                        WHERE broadcast_id = :id AND organization_id = :org AND status = 'failed'
                        GROUP BY 1 ORDER BY 3 DESC, 1""",
                new MapSqlParameterSource("org", organizationId).addValue("id", broadcastId),
                rs -> {
                    failures.add(new Failure(rs.getString("code"), rs.getString("title"), rs.getLong("n")));
                });
        return failures;
    }

    private Map<String, Long> grouped(String column, String status, MapSqlParameterSource params) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT coalesce(" + column + ", 'unknown') AS k, count(*) AS n FROM broadcast_recipients "
                        + "WHERE broadcast_id = :id AND organization_id = :org AND status = '" + status + "' "
                        + "GROUP BY 1 ORDER BY 2 DESC, 1", params,
                rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    private static long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
