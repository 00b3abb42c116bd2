package com.chatnation.crm.application.platform.web;

import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.InvalidCursorException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads and checks the dashboard's query parameters (page sizes, cursors, date ranges); anything unusable is a 400
 * problem saying why. Other read endpoints (the audit log) use the same rules.
 */
public final class DashboardRequests {

    public static final int DEFAULT_PAGE_SIZE = 50;
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    public static final int MAX_PAGE_SIZE = 200;

    /** A date range: {@code from} inclusive, {@code to} exclusive, either open. */
    public record Range(Instant from, Instant to) {
    }

    private DashboardRequests() {
    }

    public static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_PAGE_SIZE;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw badRequest("limit must be a whole number from 1 to " + MAX_PAGE_SIZE + ", was '" + raw + "'");
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw badRequest("limit must be from 1 to " + MAX_PAGE_SIZE + ", was " + limit);
        }
        return limit;
    }

    public static Cursor after(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Cursor.decode(raw.strip());
        } catch (IllegalArgumentException e) {
            throw badRequest(new InvalidCursorException().getMessage());
        }
    }

    /**
     * {@code from} and {@code to} as ISO-8601 instants ({@code 2026-03-01T09:00:00Z}, an offset is fine) or dates
     * ({@code 2026-03-01}, UTC); a date as {@code to} includes that whole day.
     */
    public static Range range(String from, String to) {
        Instant start = instant("from", from, false);
        Instant end = instant("to", to, true);
        // a date as "to" ends where the next day starts: from must lie before that
        boolean toIsDate = to != null && to.strip().length() == 10;
        if (start != null && end != null && (start.isAfter(end) || toIsDate && !start.isBefore(end))) {
            throw badRequest("from (" + from + ") is after to (" + to + ")");
        }
        return new Range(start, end);
    }

    private static Instant instant(String name, String raw, boolean endOfRange) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        try {
            Instant at;
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                at = (endOfRange ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                at = OffsetDateTime.parse(value).toInstant();
            }
            // ISO dates reach year 999,999,999, beyond what a database timestamp can hold
            if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
                throw badRequest(name + " '" + raw + "' is outside the years 1970 to 9999");
            }
            return at;
        } catch (java.time.DateTimeException e) {
            throw badRequest(name + " must be an ISO-8601 date (2026-03-01) or date-time (2026-03-01T09:00:00Z), was '"
                    + raw + "'");
        }
    }

    public static ResponseStatusException badRequest(String detail) {
        return problem(HttpStatus.BAD_REQUEST, detail, "invalid_parameter");
    }

    public static ResponseStatusException notFound(String detail) {
        return problem(HttpStatus.NOT_FOUND, detail, "not_found");
    }

    private static ResponseStatusException problem(HttpStatus status, String detail, String code) {
        ResponseStatusException exception = new ResponseStatusException(status, detail);
        exception.getBody().setType(URI.create("urn:chatnation-crm:problem:" + code));
        exception.getBody().setProperty("code", code);
        return exception;
    }
}
