package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Engagement and churn per contact, from the tables of
 * {@link com.chatnation.crm.projections.analytics.EngagementProjection}. What depends on the present (the
 * current gap, the churn class) is computed against the {@code now} the caller gives, so the same rows and the same
 * {@code now} always give the same answer. Days are UTC.
 *
 * <p>A contact's <b>usual gap</b> is their average number of days between active days,
 * {@code (last day - first day) / (active days - 1)}; a contact seen on one day only has none and is given
 * {@value #DEFAULT_USUAL_GAP_DAYS} days. The <b>current gap</b> is the days from the last active day to now's day.
 * Classes, the first that holds:
 * <ol>
 *   <li>{@code new}: first message less than {@value #NEW_DAYS} days before now's day and fewer than
 *       {@value #LOYAL_MIN_ACTIVE_DAYS} active days;</li>
 *   <li>{@code lapsed}: current gap of at least {@value #LAPSED_DAYS} days, or at least {@value #LAPSED_MULTIPLE}
 *       times the usual gap;</li>
 *   <li>{@code at_risk}: current gap more than {@value #AT_RISK_MULTIPLE} times the usual gap;</li>
 *   <li>{@code loyal}: at least {@value #LOYAL_MIN_ACTIVE_DAYS} active days and a current gap no longer than the
 *       usual gap;</li>
 *   <li>{@code active}: everyone else.</li>
 * </ol>
 * The comparisons with multiples of the usual gap are made in whole numbers
 * ({@code gap × (active days - 1)} against {@code k × (last day - first day)}), never in rounded averages.
 */
@Repository
public class EngagementQueries {

    /** A first message less than this many days ago makes a contact new (with few visits). */
    public static final int NEW_DAYS = 30;
    /** Active days a contact needs to be loyal; fewer keep a recent contact new. */
    public static final int LOYAL_MIN_ACTIVE_DAYS = 4;
    /** A current gap over this many times the usual gap puts a contact at risk. */
    public static final int AT_RISK_MULTIPLE = 2;
    /** A current gap of at least this many times the usual gap means the contact has lapsed. */
    public static final int LAPSED_MULTIPLE = 4;
    /** No visit for this many days means the contact has lapsed, whatever their usual gap. */
    public static final int LAPSED_DAYS = 90;
    /** The usual gap given to a contact seen on one day only. */
    public static final int DEFAULT_USUAL_GAP_DAYS = 30;

    public static final String NEW = "new";
    public static final String LOYAL = "loyal";
    public static final String AT_RISK = "at_risk";
    public static final String LAPSED = "lapsed";
    public static final String ACTIVE = "active";
    /** Every class, in the order dashboards show them. */
    public static final List<String> SEGMENTS = List.of(NEW, ACTIVE, LOYAL, AT_RISK, LAPSED);

    /**
     * A contact's figures at {@code now}. {@code averageGapDays} and {@code predictedNextVisit} (last active day
     * plus the average gap, rounded half up) are null for a contact seen on one day only.
     */
    public record ContactEngagement(UUID contactId, Instant firstMessageAt, Instant lastMessageAt, int activeDays,
                                    Double averageGapDays, Integer longestGapDays, int currentGapDays,
                                    LocalDate predictedNextVisit, int reads, Instant lastReadAt, String segment) {

        Cursor cursor() {
            return Cursor.of(Instant.EPOCH, contactId.toString());
        }
    }

    /**
     * Reads per hour of the day ({@code hours}, index 0–23) and weekday ({@code weekdays}, index 0 = Monday …
     * 6 = Sunday) in {@code zone}; {@code bestWeekday} as a name ({@code monday} … {@code sunday}).
     */
    public record BestTimes(String zone, long reads, List<Long> hours, List<Long> weekdays, Integer bestHour,
                            String bestWeekday) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public EngagementQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * SQL selecting the organization's contacts with their figures and class ({@code segment}) at
     * {@code :<prefix>now} (a UTC date), for {@code :org}; adds the parameter.
     */
    public static String classified(String prefix, Instant now, MapSqlParameterSource params) {
        String nowDay = ":" + prefix + "now";
        params.addValue(prefix + "now", LocalDate.ofInstant(now, ZoneOffset.UTC));
        String usualSpan = "(CASE WHEN e.active_days > 1 THEN e.last_day - e.first_day ELSE "
                + DEFAULT_USUAL_GAP_DAYS + " END)";
        String usualCount = "greatest(e.active_days - 1, 1)";
        String gap = "(" + nowDay + "::date - e.last_day)";
        return "SELECT e.contact_id, e.first_message_at, e.last_message_at, e.active_days, e.longest_gap_days, "
                + "e.reads, e.last_read_at, " + gap + " AS current_gap_days, "
                + "CASE WHEN e.active_days > 1 THEN (e.last_day - e.first_day)::float8 / (e.active_days - 1) END "
                + "AS average_gap_days, "
                + "CASE WHEN e.active_days > 1 THEN e.last_day + round((e.last_day - e.first_day)::numeric "
                + "/ (e.active_days - 1))::int END AS predicted_next_visit, "
                + "CASE WHEN e.first_day > " + nowDay + "::date - " + NEW_DAYS + " AND e.active_days < "
                + LOYAL_MIN_ACTIVE_DAYS + " THEN '" + NEW + "' "
                + "WHEN " + gap + " >= " + LAPSED_DAYS + " OR " + gap + " * " + usualCount + " >= "
                + LAPSED_MULTIPLE + " * " + usualSpan + " THEN '" + LAPSED + "' "
                + "WHEN " + gap + " * " + usualCount + " > " + AT_RISK_MULTIPLE + " * " + usualSpan
                + " THEN '" + AT_RISK + "' "
                + "WHEN e.active_days >= " + LOYAL_MIN_ACTIVE_DAYS + " AND " + gap + " * " + usualCount + " <= "
                + usualSpan + " THEN '" + LOYAL + "' "
                + "ELSE '" + ACTIVE + "' END AS segment "
                + "FROM engagement_contacts e WHERE e.organization_id = :org";
    }

    /** A page of contacts in contact id order, of one class or all ({@code segment} null). */
    public Page<ContactEngagement> contacts(String organizationId, Instant now, String segment, Cursor after,
                                            int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("limit", limit + 1);
        StringBuilder sql = new StringBuilder("SELECT * FROM (" + classified("", now, params) + ") x WHERE true");
        if (segment != null) {
            sql.append(" AND segment = :segment");
            params.addValue("segment", segment);
        }
        if (after != null) {
            sql.append(" AND contact_id > :after");
            params.addValue("after", UUID.fromString(after.key()));
        }
        sql.append(" ORDER BY contact_id LIMIT :limit");
        List<ContactEngagement> rows = jdbc.query(sql.toString(), params, (rs, n) -> new ContactEngagement(
                rs.getObject("contact_id", UUID.class), instant(rs.getObject("first_message_at", OffsetDateTime.class)),
                instant(rs.getObject("last_message_at", OffsetDateTime.class)), rs.getInt("active_days"),
                rs.getObject("average_gap_days", Double.class), rs.getObject("longest_gap_days", Integer.class),
                rs.getInt("current_gap_days"), rs.getObject("predicted_next_visit", LocalDate.class),
                rs.getInt("reads"), instant(rs.getObject("last_read_at", OffsetDateTime.class)),
                rs.getString("segment")));
        return Page.of(rows, limit, ContactEngagement::cursor);
    }

    /** How many of the organization's contacts are in each class at {@code now}; every class, zeros included. */
    public Map<String, Long> segments(String organizationId, Instant now) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId);
        Map<String, Long> counts = new LinkedHashMap<>();
        SEGMENTS.forEach(segment -> counts.put(segment, 0L));
        jdbc.query("SELECT segment, count(*) AS contacts FROM (" + classified("", now, params) + ") x GROUP BY segment",
                params, rs -> {
                    counts.put(rs.getString("segment"), rs.getLong("contacts"));
                });
        return counts;
    }

    /**
     * When the organization's contacts read its messages, by hour and weekday in {@code zone}; the best of each is
     * the one with the most reads (the earliest on a tie), null without reads. {@link IllegalArgumentException}
     * for a region the database's time zone data does not hold.
     */
    public BestTimes bestTimes(String organizationId, ZoneId zone) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId);
        // a fixed offset goes as an interval: PostgreSQL reads a text '+03:00' the POSIX way, as west of UTC
        String local;
        if (zone.normalized() instanceof ZoneOffset offset) {
            local = "read_at AT TIME ZONE make_interval(secs => :offset)";
            params.addValue("offset", offset.getTotalSeconds());
        } else {
            if (!knownToDatabase(zone.getId())) {
                throw new IllegalArgumentException("the database knows no time zone '" + zone.getId() + "'");
            }
            local = "read_at AT TIME ZONE :zone";
            params.addValue("zone", zone.getId());
        }
        Long[] hours = new Long[24];
        Long[] weekdays = new Long[7];
        java.util.Arrays.fill(hours, 0L);
        java.util.Arrays.fill(weekdays, 0L);
        jdbc.query("SELECT extract(hour FROM " + local + ")::int AS hour, extract(isodow FROM " + local
                + ")::int AS weekday, count(*) AS reads FROM engagement_reads WHERE organization_id = :org "
                + "GROUP BY 1, 2", params, rs -> {
            hours[rs.getInt("hour")] += rs.getLong("reads");
            weekdays[rs.getInt("weekday") - 1] += rs.getLong("reads");
        });
        long total = 0;
        for (Long count : hours) {
            total += count;
        }
        return new BestTimes(zone.getId(), total, List.of(hours), List.of(weekdays), best(hours),
                best(weekdays) == null ? null
                        : java.time.DayOfWeek.of(best(weekdays) + 1).name().toLowerCase(java.util.Locale.ROOT));
    }

    private boolean knownToDatabase(String zone) {
        Boolean known = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = :zone)",
                new MapSqlParameterSource("zone", zone), Boolean.class);
        return Boolean.TRUE.equals(known);
    }

    private static Integer best(Long[] counts) {
        Integer best = null;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && (best == null || counts[i] > counts[best])) {
                best = i;
            }
        }
        return best;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
