package com.chatnation.crm.application.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import static com.chatnation.crm.application.analytics.FunnelDefinitions.badRequest;

/**
 * A range of UTC days, both ends included, from the {@code from} and {@code to} query parameters: ISO dates
 * ({@code 2025-03-01}); {@code to} defaults to today and {@code from} to 29 days before {@code to}.
 */
record DateRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    static DateRange parse(String from, String to, Clock clock) {
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(DEFAULT_DAYS - 1) : date("from", from);
        if (start.isAfter(end)) {
            throw badRequest("from (" + start + ") is after to (" + end + ")");
        }
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw badRequest("the range from " + start + " to " + end + " spans " + days
                    + " days; the maximum is " + MAX_DAYS);
        }
        return new DateRange(start, end);
    }

    private static LocalDate date(String name, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw badRequest(name + " '" + value + "' is not a date in the form YYYY-MM-DD");
        }
        // ISO dates reach year 999,999,999, beyond what a day's end or a database timestamp can hold
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            throw badRequest(name + " '" + value + "' is outside the years 1970 to 9999");
        }
        return date;
    }
}
