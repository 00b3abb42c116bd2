package com.chatnation.crm.application.platform.pages;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A chart's date range as a page's form sends it: a preset ({@code today}, {@code 7d}, {@code 30d}, {@code 90d}) or
 * two dates. Anything unreadable falls back to the last 7 days rather than an error page: it is a filter, and the
 * form shows what was used. At most 366 days, like the API.
 */
public record DateRangeForm(String preset, LocalDate from, LocalDate to) {

    public static final int MAX_DAYS = 366;

    public static DateRangeForm parse(String preset, String from, String to, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (from != null && !from.isBlank() && to != null && !to.isBlank()) {
            try {
                LocalDate start = LocalDate.parse(from.strip());
                LocalDate end = LocalDate.parse(to.strip());
                if (!start.isAfter(end) && ChronoUnit.DAYS.between(start, end) < MAX_DAYS) {
                    return new DateRangeForm("custom", start, end);
                }
            } catch (DateTimeParseException ignored) {
                // falls back below
            }
        }
        String chosen = preset == null ? "7d" : preset;
        return switch (chosen) {
            case "today" -> new DateRangeForm("today", today, today);
            case "30d" -> new DateRangeForm("30d", today.minusDays(29), today);
            case "90d" -> new DateRangeForm("90d", today.minusDays(89), today);
            default -> new DateRangeForm("7d", today.minusDays(6), today);
        };
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }
}
