package com.chatnation.crm.application.dashboard;

import com.chatnation.crm.projections.analytics.DailyRollupQueries.RollupRow;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rollup rows of a date range folded into totals and per-day series (days without activity count zero). */
record DailyFigures(List<LocalDate> days, Map<String, Map<LocalDate, BigDecimal>> byMetric, Map<String, Long> facts) {

    static DailyFigures of(List<RollupRow> rows, LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            days.add(day);
        }
        Map<String, Map<LocalDate, BigDecimal>> byMetric = new HashMap<>();
        Map<String, Long> facts = new HashMap<>();
        for (RollupRow row : rows) {
            facts.merge(row.metric(), row.facts(), Long::sum);
            byMetric.computeIfAbsent(metricKey(row), key -> new HashMap<>()).merge(row.day(), row.value(), BigDecimal::add);
            if (!row.dimension().isEmpty()) {
                byMetric.computeIfAbsent(row.metric(), key -> new HashMap<>())
                        .merge(row.day(), row.value(), BigDecimal::add);
            }
        }
        return new DailyFigures(List.copyOf(days), byMetric, facts);
    }

    /** A metric split by dimension is also kept per dimension, as {@code metric:dimension}. */
    private static String metricKey(RollupRow row) {
        return row.dimension().isEmpty() ? row.metric() : row.metric() + ":" + row.dimension();
    }

    public long total(String metric) {
        return byMetric.getOrDefault(metric, Map.of()).values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .longValue();
    }

    /** A metric's value per fact (seconds per answered handover, say); null when nothing was counted. */
    public Long average(String metric) {
        long count = facts.getOrDefault(metric, 0L);
        return count == 0 ? null : Math.round((double) total(metric) / count);
    }

    public List<Long> perDay(String metric) {
        Map<LocalDate, BigDecimal> values = byMetric.getOrDefault(metric, Map.of());
        return days.stream().map(day -> values.getOrDefault(day, BigDecimal.ZERO).longValue()).toList();
    }

    public List<String> dayLabels() {
        return days.stream().map(LocalDate::toString).toList();
    }
}
