package com.chatnation.crm.projections.analytics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes funnels from {@code journey_events} at query time. Nothing is precomputed per funnel on purpose: a funnel
 * definition is only a question, so defining or changing one applies to all of history immediately, with no
 * replay.
 *
 * <p>A contact enters the funnel at their first step-1 row in the date range. They reach step n+1 at their first
 * step-(n+1) row at or after the time they reached step n, and no later than entry time + the conversion window; a
 * step reached late (or out of order) does not count. Times to convert are between consecutive steps.
 */
@Component
public class FunnelQueries {

    private static final String FUNNEL_SQL = """
            WITH RECURSIVE
            params AS (
                SELECT ?::text AS org, ?::timestamptz AS from_at, ?::timestamptz AS to_at,
                       ?::bigint * interval '1 second' AS window_length),
            funnel (step, n) AS (
                SELECT step, n::int FROM unnest(?::text[]) WITH ORDINALITY AS f(step, n)),
            entries AS (
                SELECT DISTINCT ON (j.contact_id) j.contact_id, j.occurred_at AS entered_at, j.source, j.event_id
                FROM %1$s j, params p
                WHERE j.organization_id = p.org AND j.step = (SELECT step FROM funnel WHERE n = 1)
                  AND j.occurred_at >= p.from_at AND j.occurred_at < p.to_at
                ORDER BY j.contact_id, j.occurred_at, j.event_id),
            reached (contact_id, n, entered_at, reached_at, event_id) AS (
                SELECT contact_id, 1, entered_at, entered_at, event_id::text FROM entries
                UNION ALL
                SELECT r.contact_id, r.n + 1, r.entered_at, nxt.occurred_at, nxt.event_id::text
                FROM reached r
                JOIN funnel f ON f.n = r.n + 1
                CROSS JOIN LATERAL (
                    SELECT j.occurred_at, j.event_id FROM %1$s j, params p
                    WHERE j.organization_id = p.org AND j.contact_id = r.contact_id AND j.step = f.step
                      AND j.occurred_at >= r.reached_at AND j.occurred_at <= r.entered_at + p.window_length%3$s
                    LIMIT 1) nxt),
            progress AS (
                SELECT contact_id, n, reached_at,
                       lead(reached_at) OVER (PARTITION BY contact_id ORDER BY n) AS next_at
                FROM reached),
            grouped AS (
                SELECT e.contact_id, %2$s AS grp FROM entries e, params p)
            SELECT GROUPING(g.grp) AS overall, g.grp, pr.n, count(*) AS entered, count(pr.next_at) AS converted,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM pr.next_at - pr.reached_at))
                       AS median_seconds
            FROM progress pr JOIN grouped g USING (contact_id)
            GROUP BY GROUPING SETS ((pr.n), (g.grp, pr.n))
            ORDER BY overall DESC, g.grp, pr.n""";

    /**
     * Journey steps and the steps of step sets ({@code custom_step_events}), which funnels name as
     * {@code <set>:<step>}; read only when a funnel names such a step. PostgreSQL pushes the conditions into both
     * branches, where the indexes on {@code (step_set || ':' || step)} serve them.
     */
    private static final String WITH_CUSTOM_STEPS = """
            (SELECT event_id::text AS event_id, step::text AS step, organization_id, contact_id, occurred_at, source
             FROM journey_events
             UNION ALL
             SELECT event_id::text, step_set || ':' || step, organization_id, contact_id, occurred_at, NULL::varchar
             FROM custom_step_events)""";

    private static final String JOURNEY_NEXT_STEP = """

                    ORDER BY j.occurred_at""";

    /** A step of a step set is taken from another event than the step before it (Sell, then a second purchase). */
    private static final String CUSTOM_NEXT_STEP = """

                      AND j.event_id <> r.event_id
                    ORDER BY j.occurred_at, j.event_id""";

    private static final String FIRST_MESSAGE = """
            (SELECT %s FROM journey_events f
             WHERE f.organization_id = p.org AND f.contact_id = e.contact_id AND f.step = 'first_message' LIMIT 1)""";

    private final JdbcTemplate jdbc;

    /** One step's counts, overall or for one group. */
    private record Row(boolean overall, String group, int n, long entered, long converted, Double median) {
        static final Row NOBODY = new Row(true, null, 0, 0, 0, null);
    }

    public FunnelQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The funnel over contacts who entered its first step between {@code from} and {@code to}, both included. */
    public FunnelReport compute(String organizationId, FunnelDefinition funnel, LocalDate from, LocalDate to,
                                FunnelBreakdown breakdown) {
        boolean custom = funnel.steps().stream().anyMatch(FunnelQueries::isCustomStep);
        String sql = FUNNEL_SQL.formatted(custom ? WITH_CUSTOM_STEPS : "journey_events",
                groupExpression(breakdown), custom ? CUSTOM_NEXT_STEP : JOURNEY_NEXT_STEP);
        List<Row> rows = jdbc.query(sql, (rs, i) -> new Row(rs.getInt("overall") == 1, rs.getString("grp"),
                        rs.getInt("n"), rs.getLong("entered"), rs.getLong("converted"),
                        (Double) rs.getObject("median_seconds")),
                organizationId, startOf(from), startOf(to.plusDays(1)), funnel.conversionWindow().toSeconds(),
                funnel.steps().toArray(String[]::new));

        Map<Integer, Row> overall = new LinkedHashMap<>();
        Map<String, Map<Integer, Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.overall()) {
                overall.put(row.n(), row);
            } else if (breakdown != FunnelBreakdown.NONE) {
                groups.computeIfAbsent(row.group(), g -> new LinkedHashMap<>()).put(row.n(), row);
            }
        }
        List<FunnelReport.StepFigures> steps = figures(funnel, overall);
        List<FunnelReport.Group> groupFigures = new ArrayList<>();
        groups.forEach((key, byStep) -> {
            List<FunnelReport.StepFigures> figures = figures(funnel, byStep);
            groupFigures.add(new FunnelReport.Group(key, figures.get(0).entered(), overallPercent(figures), figures));
        });
        return new FunnelReport(funnel, from, to, breakdown.parameter(), steps.get(0).entered(),
                overallPercent(steps), steps, groupFigures);
    }

    private static List<FunnelReport.StepFigures> figures(FunnelDefinition funnel, Map<Integer, Row> rowsByStep) {
        List<FunnelReport.StepFigures> figures = new ArrayList<>();
        int last = funnel.steps().size();
        for (int n = 1; n <= last; n++) {
            Row row = rowsByStep.getOrDefault(n, Row.NOBODY);
            String step = funnel.steps().get(n - 1);
            if (n == last) {
                figures.add(new FunnelReport.StepFigures(n, step, row.entered(), null, null, null, null));
            } else {
                figures.add(new FunnelReport.StepFigures(n, step, row.entered(), row.converted(),
                        percent(row.converted(), row.entered()), row.entered() - row.converted(), row.median()));
            }
        }
        return figures;
    }

    private static Double overallPercent(List<FunnelReport.StepFigures> steps) {
        return percent(steps.get(steps.size() - 1).entered(), steps.get(0).entered());
    }

    static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    private static String groupExpression(FunnelBreakdown breakdown) {
        return switch (breakdown) {
            case NONE -> "NULL::text";
            case SOURCE -> "COALESCE(e.source, " + FIRST_MESSAGE.formatted("f.source") + ", 'unknown')";
            case COHORT -> "to_char(date_trunc('week', COALESCE(" + FIRST_MESSAGE.formatted("f.occurred_at")
                    + ", e.entered_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')";
        };
    }

    /** A step of a step set, named {@code <set>:<step>}; journey steps never hold a ':'. */
    public static boolean isCustomStep(String step) {
        return step.indexOf(':') > 0;
    }

    static OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
