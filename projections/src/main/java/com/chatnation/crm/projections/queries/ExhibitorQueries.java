package com.chatnation.crm.projections.queries;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.chatnation.crm.projections.queries.Rows.instant;

/**
 * An event's exhibitors and the leads their booths collect ({@code exhibitors}, {@code exhibitor_products},
 * {@code leads}, {@code lead_products}): the exhibitors with their lead counts, one exhibitor with its products, its
 * leads newest first (keyset paginated on {@code leads_exhibitor}), and the event's lead analytics.
 */
@Repository
public class ExhibitorQueries {

    /** The most visitors of several booths listed by the analytics (they are all counted). */
    public static final int MAX_LISTED_VISITORS = 200;

    public record ExhibitorRow(String id, String eventId, String companyName, String boothCode, String description,
                               long leads, Instant createdAt) {
    }

    public record ProductRow(String id, String name, String description) {
    }

    public record ExhibitorDetail(ExhibitorRow exhibitor, List<ProductRow> products) {
    }

    /** One visitor who shared their contact; {@code products}: the names of those that interest them. */
    /** @param stage where the exhibitor's follow-up stands: new, contacted, qualified, won or lost */
    public record LeadRow(String id, UUID contactId, String contactPhone, String contactName, List<String> products,
                          String note, int visits, Instant createdAt, Instant lastVisitAt, String stage) {
        Cursor cursor() {
            return Cursor.of(createdAt, id);
        }
    }

    public record ExhibitorCount(String exhibitorId, String companyName, String boothCode, long leads) {
    }

    public record HourCount(Instant hour, long leads) {
    }

    /** A visitor who shared their contact at several booths, and which. */
    public record Visitor(UUID contactId, String contactPhone, String contactName, List<String> boothCodes) {
    }

    /**
     * An event's leads: in all, per exhibitor (every exhibitor, most leads first), per hour (UTC, hours with leads),
     * and the visitors of more than one booth: how many, and up to {@value #MAX_LISTED_VISITORS} of them.
     */
    /** @param perStage the leads at each stage of the exhibitors' follow-up, every stage listed (0 when none) */
    public record LeadAnalytics(String eventId, long leads, long visitors, List<ExhibitorCount> perExhibitor,
                                List<HourCount> perHour, long multiBoothVisitors, List<Visitor> multiBoothList,
                                List<StageCount> perStage) {
    }

    public record StageCount(String stage, long leads) {
    }

    /** The follow-up stages in their order, as the domain names them in lower case. */
    private static final List<String> STAGES = List.of("new", "contacted", "qualified", "won", "lost");

    private static final RowMapper<ExhibitorRow> EXHIBITORS = (rs, n) -> new ExhibitorRow(rs.getString("id"),
            rs.getString("event_id"), rs.getString("company_name"), rs.getString("booth_code"),
            rs.getString("description"), rs.getLong("leads"), instant(rs, "created_at"));

    private static final RowMapper<LeadRow> LEADS = (rs, n) -> new LeadRow(rs.getString("id"),
            rs.getObject("contact_id", UUID.class), rs.getString("contact_phone"), rs.getString("contact_name"),
            rs.getArray("products") == null ? List.of() : Arrays.asList((String[]) rs.getArray("products").getArray()),
            rs.getString("note"), rs.getInt("visits"), instant(rs, "created_at"), instant(rs, "last_visit_at"),
            rs.getString("stage"));

    private final NamedParameterJdbcTemplate jdbc;

    public ExhibitorQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the organization has this event (the read table follows the event's creation a moment later). */
    public boolean eventExists(String organizationId, String eventId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM events WHERE id = :event AND organization_id = :org)",
                new MapSqlParameterSource("org", organizationId).addValue("event", eventId), Boolean.class));
    }

    /** The event's name, if the organization has it. */
    public Optional<String> eventName(String organizationId, String eventId) {
        return jdbc.queryForList("SELECT name FROM events WHERE id = :event AND organization_id = :org",
                new MapSqlParameterSource("org", organizationId).addValue("event", eventId), String.class)
                .stream().findFirst();
    }

    /** The event's exhibitors by booth code, each with its lead count. */
    public List<ExhibitorRow> exhibitors(String organizationId, String eventId) {
        return jdbc.query("""
                        SELECT e.*, (SELECT count(*) FROM leads l WHERE l.exhibitor_id = e.id) AS leads
                        FROM exhibitors e WHERE e.organization_id = :org AND e.event_id = :event
                        ORDER BY e.booth_code, e.id""",
                new MapSqlParameterSource("org", organizationId).addValue("event", eventId), EXHIBITORS);
    }

    /** Every exhibitor of the organization's events, by company name. */
    public List<ExhibitorRow> allExhibitors(String organizationId) {
        return jdbc.query("""
                        SELECT e.*, (SELECT count(*) FROM leads l WHERE l.exhibitor_id = e.id) AS leads
                        FROM exhibitors e WHERE e.organization_id = :org ORDER BY e.company_name, e.id""",
                new MapSqlParameterSource("org", organizationId), EXHIBITORS);
    }

    /** The exhibitors of any of the organization's events among {@code ids}, by company name. */
    public List<ExhibitorRow> exhibitorsAmong(String organizationId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                        SELECT e.*, (SELECT count(*) FROM leads l WHERE l.exhibitor_id = e.id) AS leads
                        FROM exhibitors e WHERE e.organization_id = :org AND e.id IN (:ids)
                        ORDER BY e.company_name, e.id""",
                new MapSqlParameterSource("org", organizationId).addValue("ids", ids), EXHIBITORS);
    }

    public Optional<ExhibitorDetail> exhibitor(String organizationId, String exhibitorId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", exhibitorId);
        return jdbc.query("""
                        SELECT e.*, (SELECT count(*) FROM leads l WHERE l.exhibitor_id = e.id) AS leads
                        FROM exhibitors e WHERE e.organization_id = :org AND e.id = :id""", params, EXHIBITORS)
                .stream().findFirst()
                .map(row -> new ExhibitorDetail(row, jdbc.query("""
                                SELECT id, name, description FROM exhibitor_products WHERE exhibitor_id = :id
                                ORDER BY created_at, id""", params,
                        (rs, n) -> new ProductRow(rs.getString("id"), rs.getString("name"),
                                rs.getString("description")))));
    }

    /** The exhibitor's leads, newest first. */
    public Page<LeadRow> leads(String organizationId, String exhibitorId, Cursor after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("id", exhibitorId)
                .addValue("limit", limit + 1);
        String where = " WHERE l.organization_id = :org AND l.exhibitor_id = :id";
        if (after != null) {
            where += " AND (l.created_at, l.id) < (:afterAt, :afterId)";
            params.addValue("afterAt", after.at()).addValue("afterId", after.key());
        }
        List<LeadRow> found = jdbc.query("""
                        SELECT l.*, (SELECT array_agg(p.product_name ORDER BY p.created_at, p.product_id)
                                     FROM lead_products p WHERE p.lead_id = l.id) AS products
                        FROM leads l""" + where + " ORDER BY l.created_at DESC, l.id DESC LIMIT :limit", params, LEADS);
        return Page.of(found, limit, LeadRow::cursor);
    }

    public LeadAnalytics analytics(String organizationId, String eventId) {
        MapSqlParameterSource params = new MapSqlParameterSource("org", organizationId).addValue("event", eventId)
                .addValue("listed", MAX_LISTED_VISITORS);
        List<ExhibitorCount> perExhibitor = jdbc.query("""
                        SELECT e.id, e.company_name, e.booth_code, count(l.id) AS leads
                        FROM exhibitors e LEFT JOIN leads l ON l.exhibitor_id = e.id
                        WHERE e.organization_id = :org AND e.event_id = :event
                        GROUP BY e.id, e.company_name, e.booth_code
                        ORDER BY leads DESC, e.booth_code, e.id""", params,
                (rs, n) -> new ExhibitorCount(rs.getString("id"), rs.getString("company_name"),
                        rs.getString("booth_code"), rs.getLong("leads")));
        List<HourCount> perHour = jdbc.query("""
                        SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AS hour, count(*) AS leads
                        FROM leads WHERE organization_id = :org AND event_id = :event
                        GROUP BY 1 ORDER BY 1""", params,
                (rs, n) -> new HourCount(rs.getTimestamp("hour").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC),
                        rs.getLong("leads")));
        long leads = perExhibitor.stream().mapToLong(ExhibitorCount::leads).sum();
        Long visitors = jdbc.queryForObject("""
                        SELECT count(DISTINCT contact_id) FROM leads WHERE organization_id = :org AND event_id = :event""",
                params, Long.class);
        Long multi = jdbc.queryForObject("""
                        SELECT count(*) FROM (SELECT contact_id FROM leads
                                              WHERE organization_id = :org AND event_id = :event
                                              GROUP BY contact_id HAVING count(*) > 1) several""", params, Long.class);
        List<Visitor> listed = jdbc.query("""
                        SELECT l.contact_id, max(l.contact_phone) AS contact_phone, max(l.contact_name) AS contact_name,
                               array_agg(e.booth_code ORDER BY e.booth_code) AS booths
                        FROM leads l JOIN exhibitors e ON e.id = l.exhibitor_id
                        WHERE l.organization_id = :org AND l.event_id = :event
                        GROUP BY l.contact_id HAVING count(*) > 1
                        ORDER BY count(*) DESC, l.contact_id LIMIT :listed""", params,
                (rs, n) -> new Visitor(rs.getObject("contact_id", UUID.class), rs.getString("contact_phone"),
                        rs.getString("contact_name"), Arrays.asList((String[]) rs.getArray("booths").getArray())));
        Map<String, Long> staged = new HashMap<>();
        jdbc.query("""
                        SELECT stage, count(*) AS leads FROM leads WHERE organization_id = :org AND event_id = :event
                        GROUP BY stage""", params,
                (RowCallbackHandler) rs -> staged.put(rs.getString("stage"),
                        rs.getLong("leads")));
        List<StageCount> perStage = STAGES.stream().map(stage -> new StageCount(stage, staged.getOrDefault(stage, 0L)))
                .toList();
        return new LeadAnalytics(eventId, leads, visitors == null ? 0 : visitors, perExhibitor, perHour,
                multi == null ? 0 : multi, listed, perStage);
    }
}
