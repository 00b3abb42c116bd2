package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.chatnation.crm.projections.queries.Rows.instant;
import static com.chatnation.crm.projections.queries.Rows.nullableInt;

/**
 * Reads an organization's content programs: the list with subscriber counts, one program with its items, its
 * subscribers, and its analytics (subscribers per day, churn, and each item's sent, delivered, read and failed).
 */
@Repository
public class ProgramQueries {

    /**
     * A program; {@code sendAt} is the local time of its slot ("06:00") in {@code timeZone}, {@code dayOfWeek} the day
     * of a weekly one ({@code SUNDAY}), {@code status} {@code live} or {@code archived}.
     */
    public record ProgramRow(String id, String name, String description, String frequency, String sendAt,
                             String dayOfWeek, String timeZone, String joinKeyword, String startFrom,
                             String reengageTemplate, String reengageLanguage, Instant createdAt, Instant archivedAt,
                             String status, long subscribers, long items) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    /**
     * An item and how its deliveries went. {@code deliveryRate} is the share of those sent that were delivered,
     * {@code readRate} the share of those delivered that were read, in percent with one decimal (0 with none).
     */
    public record ItemRow(String id, String contentType, String body, String mediaKey, String pollId,
                          Integer sequenceNumber, LocalDate scheduledOn, Instant addedAt, Instant removedAt,
                          long sent, long delivered, long read, long failed, BigDecimal deliveryRate,
                          BigDecimal readRate) {
    }

    /** A program with its items in the order they go out: the series by number, then the dated ones by date. */
    public record ProgramDetail(ProgramRow program, List<ItemRow> items) {
    }

    public record SubscriberRow(String subscriptionId, String contactId, String source, String status,
                                Instant subscribedAt, Instant unsubscribedAt, String unsubscribeReason,
                                int lastSequence, int itemsReceived) {
        Cursor cursor() {
            return Cursor.of(subscribedAt, subscriptionId);
        }
    }

    /** One day of the program's time zone: who joined, who left, and how many were subscribed at its end. */
    public record SubscriberDay(LocalDate day, long joined, long left, long active) {
    }

    /**
     * Of the {@code joined} who joined from {@code from} to {@code to}, {@code left} left within {@code withinDays}
     * days (those whose subscription ended with the program are not counted).
     */
    public record Churn(LocalDate from, LocalDate to, int withinDays, long joined, long left, BigDecimal percent) {
    }

    /** {@code items} includes removed items: what was sent of them happened. */
    public record Analytics(String programId, String timeZone, long subscribers, List<SubscriberDay> days,
                            Churn churn, List<ItemRow> items) {
    }

    private static final String PROGRAM_COLUMNS = """
            p.*, (SELECT count(*) FROM content_items i WHERE i.program_id = p.id AND i.removed_at IS NULL) AS items""";

    private final NamedParameterJdbcTemplate jdbc;
    private final RowMapper<ProgramRow> programs = (rs, n) -> {
        Instant archivedAt = instant(rs, "archived_at");
        String sendAt = rs.getString("send_at");
        return new ProgramRow(rs.getString("id"), rs.getString("name"), rs.getString("description"),
                rs.getString("frequency"), sendAt == null ? null : sendAt.substring(0, 5), rs.getString("day_of_week"),
                rs.getString("time_zone"), rs.getString("join_keyword"), rs.getString("start_from"),
                rs.getString("reengage_template"), rs.getString("reengage_language"), instant(rs, "created_at"),
                archivedAt, archivedAt == null ? "live" : "archived", rs.getLong("subscriber_count"),
                rs.getLong("items"));
    };
    private final RowMapper<ItemRow> items = (rs, n) -> {
        long sent = rs.getLong("sent_count");
        long delivered = rs.getLong("delivered_count");
        long read = rs.getLong("read_count");
        Date scheduled = rs.getDate("scheduled_at");
        return new ItemRow(rs.getString("id"), rs.getString("content_type"), rs.getString("body"),
                rs.getString("media_key"), rs.getString("poll_id"), nullableInt(rs, "sequence_number"),
                scheduled == null ? null : scheduled.toLocalDate(), instant(rs, "added_at"),
                instant(rs, "removed_at"), sent, delivered, read, rs.getLong("failed_count"),
                percent(delivered, sent), percent(read, delivered));
    };
    private final RowMapper<SubscriberRow> subscribers = (rs, n) -> new SubscriberRow(rs.getString("id"),
            rs.getString("contact_id"), rs.getString("source"), rs.getString("status"), instant(rs, "subscribed_at"),
            instant(rs, "unsubscribed_at"), rs.getString("unsubscribe_reason"), rs.getInt("last_sequence"),
            rs.getInt("items_received"));

    public ProgramQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Programs newest first ({@code programs_organization_created}), archived ones included. */
    public Page<ProgramRow> programs(String organizationId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        String where = " WHERE p.organization_id = :org";
        if (after != null) {
            where += " AND (p.created_at, p.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<ProgramRow> found = jdbc.query("SELECT " + PROGRAM_COLUMNS + " FROM programs p" + where
                + " ORDER BY p.created_at DESC, p.id DESC LIMIT :limit", params, programs);
        return Page.of(found, limit, ProgramRow::cursor);
    }

    public Optional<ProgramRow> program(String organizationId, String programId) {
        return jdbc.query("SELECT " + PROGRAM_COLUMNS + " FROM programs p WHERE p.organization_id = :org AND p.id = :id",
                new MapSqlParameterSource("org", organizationId).addValue("id", programId), programs).stream()
                .findFirst();
    }

    /** The program and its items still in it. */
    public Optional<ProgramDetail> detail(String organizationId, String programId) {
        return program(organizationId, programId).map(program -> new ProgramDetail(program, items(programId, false)));
    }

    /** Subscribers newest first, active and former, or only those of {@code status} when given. */
    public Page<SubscriberRow> subscribers(String organizationId, String programId, String status, Cursor after,
                                           int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", programId)
                .addValue("limit", limit + 1);
        String where = " WHERE organization_id = :org AND program_id = :id";
        if (status != null) {
            where += " AND status = :status";
            params.addValue("status", status);
        }
        if (after != null) {
            where += " AND (subscribed_at, id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<SubscriberRow> found = jdbc.query("SELECT * FROM program_subscriptions" + where
                + " ORDER BY subscribed_at DESC, id DESC LIMIT :limit", params, subscribers);
        return Page.of(found, limit, SubscriberRow::cursor);
    }

    /**
     * The last {@code days} days of the program's time zone up to {@code now}'s, the churn of those who joined in
     * them within {@code churnDays} days, and every item's figures.
     */
    public Optional<Analytics> analytics(String organizationId, String programId, int days, int churnDays,
                                         Instant now) {
        return program(organizationId, programId).map(program -> {
            LocalDate to = LocalDate.ofInstant(now, ZoneId.of(program.timeZone()));
            LocalDate from = to.minusDays(days - 1L);
            MapSqlParameterSource params = new MapSqlParameterSource("id", programId)
                    .addValue("from", Date.valueOf(from)).addValue("to", Date.valueOf(to))
                    .addValue("within", churnDays);
            Long before = jdbc.queryForObject("""
                    SELECT COALESCE(sum(joins - leaves), 0) FROM program_subscriber_days
                    WHERE program_id = :id AND day < :from""", params, Long.class);
            Map<LocalDate, long[]> counted = new HashMap<>();
            jdbc.query("""
                            SELECT day, joins, leaves FROM program_subscriber_days
                            WHERE program_id = :id AND day BETWEEN :from AND :to""", params,
                    rs -> {
                        counted.put(rs.getDate("day").toLocalDate(),
                                new long[] {rs.getLong("joins"), rs.getLong("leaves")});
                    });
            List<SubscriberDay> series = new ArrayList<>();
            long active = before == null ? 0 : before;
            long joined = 0;
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                long[] count = counted.getOrDefault(day, new long[2]);
                active += count[0] - count[1];
                joined += count[0];
                series.add(new SubscriberDay(day, count[0], count[1], active));
            }
            Long left = jdbc.queryForObject("""
                    SELECT COALESCE(sum(leavers), 0) FROM program_churn
                    WHERE program_id = :id AND joined_on BETWEEN :from AND :to AND days_stayed < :within""",
                    params, Long.class);
            long leavers = left == null ? 0 : left;
            return new Analytics(programId, program.timeZone(), program.subscribers(), series,
                    new Churn(from, to, churnDays, joined, leavers, percent(leavers, joined)),
                    items(programId, true));
        });
    }

    private List<ItemRow> items(String programId, boolean withRemoved) {
        return jdbc.query("SELECT * FROM content_items WHERE program_id = :id"
                        + (withRemoved ? "" : " AND removed_at IS NULL")
                        + " ORDER BY sequence_number NULLS LAST, scheduled_at, added_at, id",
                new MapSqlParameterSource("id", programId), items);
    }

    /** {@code part} of {@code whole} in percent with one decimal; 0 of nothing. */
    static BigDecimal percent(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(part * 100).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }
}
