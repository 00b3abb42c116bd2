package com.chatnation.crm.projections.analytics;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code daily_rollups}. */
@Component
public class DailyRollupQueries {

    /** One metric and dimension on one UTC day; {@code facts} is how many facts were added up. */
    public record RollupRow(LocalDate day, String metric, String dimension, BigDecimal value, long facts) {
    }

    private final JdbcTemplate jdbc;

    public DailyRollupQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Rows between {@code from} and {@code to} (both included), of the given metrics or of all when empty. */
    public List<RollupRow> rows(String organizationId, LocalDate from, LocalDate to, List<String> metrics) {
        StringBuilder sql = new StringBuilder("""
                SELECT day, metric, dimension, value, facts FROM daily_rollups
                WHERE organization_id = ? AND day >= ? AND day <= ?""");
        List<Object> args = new ArrayList<>(List.of(organizationId, from, to));
        if (!metrics.isEmpty()) {
            sql.append(" AND metric = ANY (?)");
            args.add(metrics.toArray(String[]::new));
        }
        sql.append(" ORDER BY day, metric, dimension");
        return jdbc.query(sql.toString(), (rs, i) -> new RollupRow(rs.getObject("day", LocalDate.class),
                rs.getString("metric"), rs.getString("dimension"), rs.getBigDecimal("value").stripTrailingZeros(),
                rs.getLong("facts")), args.toArray());
    }
}
