package com.chatnation.crm.projections.analytics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static com.chatnation.crm.projections.analytics.PlatformActivationProjection.*;

/**
 * The platform operator's view of its customers' activation, read from {@link PlatformActivationProjection}'s
 * tables and evaluated against a given {@code now}: a step counts when it happened at or before {@code now}, and
 * "still active after 30 days" only for organizations onboarded 30 days or more before it.
 *
 * <p>The steps are milestones an organization may reach in any order (a team member may be invited before the
 * first conversation). Each step counts the organizations that reached it at all; its conversion is the share of
 * those that reached the previous step which reached this one too (drop-off: the rest), and the time between
 * steps is the median of the time from the previous step to this one over organizations that reached them in that
 * order ({@code outOfOrder} counts those that reached this one first).
 */
@Component
public class PlatformActivationQueries {

    /** The funnel's steps in order, with their column of {@code platform_activation}. */
    public static final List<Step> STEPS = List.of(
            new Step("onboarded", "onboarded_at"),
            new Step("first_conversation", "first_conversation_at"),
            new Step("first_flow_published", "first_flow_published_at"),
            new Step("first_template_approved", "first_template_approved_at"),
            new Step("first_broadcast_sent", "first_broadcast_sent_at"),
            new Step("first_member_invited", "first_member_invited_at"),
            new Step("first_purchase_paid", "first_purchase_paid_at"),
            new Step(Step.ACTIVE_AFTER_30_DAYS, "active_after_30_days_at"));

    /** The features counted per organization, in the order reports show them. */
    public static final List<String> FEATURES = List.of(TEMPLATES, TEMPLATES_APPROVED, BROADCASTS, BROADCASTS_SENT,
            MEMBERS_INVITED, MEMBERS_JOINED, SURVEYS, PROGRAMS, POLLS, KNOWLEDGE_BASES, HYPECARD_TEMPLATES,
            TOKEN_PURCHASES);

    static final Duration ACTIVE_AFTER = Duration.ofDays(30);

    private static final String FILTER = """
            a.onboarded_at IS NOT NULL AND a.onboarded_at <= ?
              AND (?::timestamptz IS NULL OR a.onboarded_at >= ?)
              AND (?::timestamptz IS NULL OR a.onboarded_at < ?)
              AND (?::text IS NULL OR a.organization_id = ?)""";

    private final JdbcTemplate jdbc;

    public PlatformActivationQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Step(String name, String column) {
        public static final String ACTIVE_AFTER_30_DAYS = "active_after_30_days";
    }

    /**
     * Which organizations: onboarded between two UTC days (both included; either may be open), or one organization,
     * evaluated at {@code now}.
     */
    public record Filter(Instant now, LocalDate onboardedFrom, LocalDate onboardedTo, String organizationId) {

        Object[] parameters() {
            Timestamp from = onboardedFrom == null ? null : Timestamp.from(onboardedFrom.atStartOfDay(ZoneOffset.UTC).toInstant());
            Timestamp to = onboardedTo == null ? null
                    : Timestamp.from(onboardedTo.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            return new Object[]{Timestamp.from(now), from, from, to, to, organizationId, organizationId};
        }
    }

    /** One organization's row: when it reached each step (null: not yet). */
    public record Organization(String organizationId, String name, Map<String, Instant> reached,
                               Instant lastActivityAt) {
    }

    public record StepFigures(int position, String step, long eligible, long reached, Double percentOfEligible,
                              long neverReached, Double percentNeverReached, Long reachedPrevious,
                              Long convertedFromPrevious, Double conversionPercent, Long dropOff, long outOfOrder,
                              Double medianSecondsFromPrevious, Double medianHoursFromPrevious) {
    }

    public record Funnel(Instant now, long organizations, List<StepFigures> steps) {
    }

    /** Organizations onboarded in one week (Monday, UTC) and how many of them reached each step by now. */
    public record Cohort(LocalDate week, long organizations, long eligibleAfter30Days, Map<String, Long> reached) {
    }

    public record FeatureSummary(String feature, long organizationsUsing, Double percentOfOrganizations,
                                 long items) {
    }

    public record OrganizationUsage(String organizationId, String name, Instant onboardedAt,
                                    Map<String, Long> features, long pageViews, long actions,
                                    Instant lastActivityAt) {
    }

    public record FeatureUsage(long organizations, List<FeatureSummary> summary,
                               List<OrganizationUsage> perOrganization) {
    }

    /**
     * One dashboard page (route pattern): views (one per member and minute at most), how many members and
     * organizations viewed it, how many members it was the last page of before they stopped (their last view is on
     * this page and older than the idle time), and how many actions were taken on its route or beneath it (see
     * {@link #dashboardUsage}).
     */
    public record PageFigures(String page, long views, long staff, long organizations, long lastPageOfStopped,
                              long actions) {
    }

    /**
     * One action (HTTP method and route pattern, e.g. {@code POST /app/broadcasts/{id}/send}): how often staff took
     * it, how many members and organizations did, and when it was last taken.
     */
    public record ActionFigures(String action, long count, long staff, long organizations, Instant lastAt) {
    }

    /** All actions taken (as of now), by how many members of how many organizations, and the figures per action. */
    public record StaffActions(Instant now, long count, long staff, long organizations, List<ActionFigures> actions) {
    }

    public record DashboardUsage(Instant now, Duration idle, long staff, long staffStopped,
                                 List<PageFigures> pages) {
    }

    public List<Organization> organizations(Filter filter) {
        StringBuilder columns = new StringBuilder();
        STEPS.forEach(step -> columns.append(", a.").append(step.column()));
        return jdbc.query("SELECT a.organization_id, a.name, a.last_activity_at" + columns
                        + " FROM platform_activation a WHERE " + FILTER + " ORDER BY a.onboarded_at, a.organization_id",
                (rs, n) -> organization(rs, filter.now()), filter.parameters());
    }

    private static Organization organization(ResultSet rs, Instant now) throws SQLException {
        Map<String, Instant> reached = new LinkedHashMap<>();
        Instant onboarded = instant(rs, "onboarded_at");
        for (Step step : STEPS) {
            Instant at = instant(rs, step.column());
            boolean counts = at != null && !at.isAfter(now)
                    && (!step.name().equals(Step.ACTIVE_AFTER_30_DAYS) || !onboarded.plus(ACTIVE_AFTER).isAfter(now));
            reached.put(step.name(), counts ? at : null);
        }
        return new Organization(rs.getString("organization_id"), rs.getString("name"), reached,
                instant(rs, "last_activity_at"));
    }

    private static boolean eligible(Organization organization, Step step, Instant now) {
        return !step.name().equals(Step.ACTIVE_AFTER_30_DAYS)
                || !organization.reached().get("onboarded").plus(ACTIVE_AFTER).isAfter(now);
    }

    public Funnel funnel(Filter filter) {
        List<Organization> organizations = organizations(filter);
        List<StepFigures> figures = new ArrayList<>();
        for (int i = 0; i < STEPS.size(); i++) {
            Step step = STEPS.get(i);
            List<Organization> eligible = organizations.stream()
                    .filter(o -> eligible(o, step, filter.now())).toList();
            long reached = eligible.stream().filter(o -> o.reached().get(step.name()) != null).count();
            Long reachedPrevious = null;
            Long converted = null;
            long outOfOrder = 0;
            List<Long> seconds = new ArrayList<>();
            if (i > 0) {
                String previous = STEPS.get(i - 1).name();
                List<Organization> before = eligible.stream().filter(o -> o.reached().get(previous) != null).toList();
                reachedPrevious = (long) before.size();
                converted = 0L;
                for (Organization o : before) {
                    Instant from = o.reached().get(previous);
                    Instant to = o.reached().get(step.name());
                    if (to != null) {
                        converted++;
                        if (to.isBefore(from)) {
                            outOfOrder++;
                        } else {
                            seconds.add(Duration.between(from, to).toSeconds());
                        }
                    }
                }
            }
            Double median = median(seconds);
            figures.add(new StepFigures(i + 1, step.name(), eligible.size(), reached, percent(reached, eligible.size()),
                    eligible.size() - reached, percent(eligible.size() - reached, eligible.size()), reachedPrevious,
                    converted, reachedPrevious == null ? null : percent(converted, reachedPrevious),
                    reachedPrevious == null ? null : reachedPrevious - converted, outOfOrder, median,
                    median == null ? null : Math.round(median / 36.0) / 100.0));
        }
        return new Funnel(filter.now(), organizations.size(), figures);
    }

    public List<Cohort> cohorts(Filter filter) {
        Map<LocalDate, List<Organization>> weeks = new TreeMap<>();
        for (Organization o : organizations(filter)) {
            LocalDate day = o.reached().get("onboarded").atZone(ZoneOffset.UTC).toLocalDate();
            weeks.computeIfAbsent(day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), w -> new ArrayList<>())
                    .add(o);
        }
        List<Cohort> cohorts = new ArrayList<>();
        weeks.forEach((week, members) -> {
            Map<String, Long> reached = new LinkedHashMap<>();
            STEPS.forEach(step -> reached.put(step.name(),
                    members.stream().filter(o -> o.reached().get(step.name()) != null).count()));
            long eligible = members.stream()
                    .filter(o -> eligible(o, STEPS.get(STEPS.size() - 1), filter.now())).count();
            cohorts.add(new Cohort(week, members.size(), eligible, reached));
        });
        return cohorts;
    }

    public FeatureUsage featureUsage(Filter filter) {
        List<Organization> organizations = organizations(filter);
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        jdbc.query("SELECT i.organization_id, i.feature, count(*) AS n FROM platform_feature_items i "
                        + "JOIN platform_activation a USING (organization_id) WHERE " + FILTER
                        + " AND i.first_at <= ? GROUP BY i.organization_id, i.feature",
                rs -> {
                    counts.computeIfAbsent(rs.getString("organization_id"), o -> new LinkedHashMap<>())
                            .put(rs.getString("feature"), rs.getLong("n"));
                }, append(filter.parameters(), Timestamp.from(filter.now())));
        Map<String, Long> views = new LinkedHashMap<>();
        jdbc.query("SELECT v.organization_id, count(*) AS n FROM platform_page_views v "
                        + "JOIN platform_activation a USING (organization_id) WHERE " + FILTER
                        + " AND v.minute <= ? GROUP BY v.organization_id",
                rs -> {
                    views.put(rs.getString("organization_id"), rs.getLong("n"));
                }, append(filter.parameters(), Timestamp.from(filter.now())));
        Map<String, Long> actions = new LinkedHashMap<>();
        jdbc.query("SELECT s.organization_id, count(*) AS n FROM platform_staff_actions s "
                        + "JOIN platform_activation a USING (organization_id) WHERE " + FILTER
                        + " AND s.at <= ? GROUP BY s.organization_id",
                rs -> {
                    actions.put(rs.getString("organization_id"), rs.getLong("n"));
                }, append(filter.parameters(), Timestamp.from(filter.now())));
        List<OrganizationUsage> rows = new ArrayList<>();
        for (Organization o : organizations) {
            Map<String, Long> features = new LinkedHashMap<>();
            Map<String, Long> own = counts.getOrDefault(o.organizationId(), Map.of());
            FEATURES.forEach(feature -> features.put(feature, own.getOrDefault(feature, 0L)));
            rows.add(new OrganizationUsage(o.organizationId(), o.name(), o.reached().get("onboarded"), features,
                    views.getOrDefault(o.organizationId(), 0L), actions.getOrDefault(o.organizationId(), 0L),
                    o.lastActivityAt()));
        }
        List<FeatureSummary> summary = new ArrayList<>();
        for (String feature : FEATURES) {
            long using = rows.stream().filter(r -> r.features().get(feature) > 0).count();
            long items = rows.stream().mapToLong(r -> r.features().get(feature)).sum();
            summary.add(new FeatureSummary(feature, using, percent(using, rows.size()), items));
        }
        return new FeatureUsage(rows.size(), summary, rows);
    }

    /**
     * The pages staff viewed. A page's {@code actions} are the actions whose route is the page's route or continues
     * it after a {@code /}: {@code /app/broadcasts/{id}} counts {@code POST /app/broadcasts/{id}/send}, and so
     * {@code /app/broadcasts} counts it too and {@code /app} counts every dashboard action. A route prefix rather
     * than the page the member was on: the request does not say which page sent it, and a page's forms post to its
     * own route or beneath it. A page with views and no actions is one staff look at and never act on.
     */
    public DashboardUsage dashboardUsage(Filter filter, Duration idle) {
        Timestamp now = Timestamp.from(filter.now());
        Timestamp stoppedBefore = Timestamp.from(filter.now().minus(idle));
        String views = "SELECT v.* FROM platform_page_views v JOIN platform_activation a USING (organization_id) WHERE "
                + FILTER + " AND v.minute <= ?";
        String actions = "SELECT substr(s.action, strpos(s.action, ' ') + 1) AS route FROM platform_staff_actions s "
                + "JOIN platform_activation a USING (organization_id) WHERE " + FILTER + " AND s.at <= ?";
        List<PageFigures> pages = jdbc.query("WITH v AS (" + views + "), "
                        + "acts AS (" + actions + "), "
                        + "last AS (SELECT DISTINCT ON (staff_id) staff_id, page, minute FROM v "
                        + "         ORDER BY staff_id, minute DESC, page) "
                        + "SELECT v.page, count(*) AS views, count(DISTINCT v.staff_id) AS staff, "
                        + "       count(DISTINCT v.organization_id) AS organizations, "
                        + "       (SELECT count(*) FROM last l WHERE l.page = v.page AND l.minute < ?) AS stopped, "
                        + "       (SELECT count(*) FROM acts WHERE acts.route = v.page "
                        + "            OR left(acts.route, length(v.page) + 1) = v.page || '/') AS actions "
                        + "FROM v GROUP BY v.page ORDER BY views DESC, v.page",
                (rs, n) -> new PageFigures(rs.getString("page"), rs.getLong("views"), rs.getLong("staff"),
                        rs.getLong("organizations"), rs.getLong("stopped"), rs.getLong("actions")),
                append(concat(append(filter.parameters(), now), append(filter.parameters(), now)), stoppedBefore));
        Map<String, Object> totals = jdbc.queryForMap("WITH v AS (" + views + "), "
                        + "last AS (SELECT staff_id, max(minute) AS minute FROM v GROUP BY staff_id) "
                        + "SELECT count(*) AS staff, count(*) FILTER (WHERE minute < ?) AS stopped FROM last",
                append(append(filter.parameters(), now), stoppedBefore));
        return new DashboardUsage(filter.now(), idle, ((Number) totals.get("staff")).longValue(),
                ((Number) totals.get("stopped")).longValue(), pages);
    }

    /**
     * What staff did, per action, for the organizations of the filter, as of its {@code now}; the most taken first.
     */
    public StaffActions staffActions(Filter filter) {
        String taken = "SELECT s.* FROM platform_staff_actions s JOIN platform_activation a USING (organization_id) "
                + "WHERE " + FILTER + " AND s.at <= ?";
        Object[] parameters = append(filter.parameters(), Timestamp.from(filter.now()));
        List<ActionFigures> actions = jdbc.query("WITH s AS (" + taken + ") "
                        + "SELECT s.action, count(*) AS n, count(DISTINCT s.staff_id) AS staff, "
                        + "       count(DISTINCT s.organization_id) AS organizations, max(s.at) AS last_at "
                        + "FROM s GROUP BY s.action ORDER BY n DESC, s.action",
                (rs, n) -> new ActionFigures(rs.getString("action"), rs.getLong("n"), rs.getLong("staff"),
                        rs.getLong("organizations"), instant(rs, "last_at")),
                parameters);
        Map<String, Object> totals = jdbc.queryForMap("WITH s AS (" + taken + ") SELECT count(*) AS n, "
                + "count(DISTINCT staff_id) AS staff, count(DISTINCT organization_id) AS organizations FROM s",
                parameters);
        return new StaffActions(filter.now(), ((Number) totals.get("n")).longValue(),
                ((Number) totals.get("staff")).longValue(), ((Number) totals.get("organizations")).longValue(),
                actions);
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static Object[] append(Object[] parameters, Object value) {
        Object[] all = java.util.Arrays.copyOf(parameters, parameters.length + 1);
        all[parameters.length] = value;
        return all;
    }

    static Double median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle).doubleValue()
                : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 100.0;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
