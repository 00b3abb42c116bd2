package com.chatnation.crm.application.engagement;

import com.chatnation.crm.application.platform.pages.CsvDownload;
import com.chatnation.crm.projections.queries.Cursor;
import com.chatnation.crm.projections.queries.EngagementQueries;
import com.chatnation.crm.projections.queries.EngagementQueries.BestTimes;
import com.chatnation.crm.projections.queries.EngagementQueries.ContactEngagement;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static com.chatnation.crm.application.platform.web.DashboardRequests.badRequest;

/** The parameters the engagement endpoints and page share, checked, and their CSV files. */
final class EngagementRequests {

    /** One bar of the best-times CSV: {@code hour} 0–23 or {@code weekday} monday–sunday, and its reads. */
    record TimeSlot(String kind, String slot, long reads) {
    }

    static final CsvDownload<ContactEngagement> CONTACTS_CSV = CsvDownload.of(
            List.of("contact_id", "segment", "first_message_at", "last_message_at", "active_days",
                    "average_gap_days", "longest_gap_days", "current_gap_days", "predicted_next_visit", "reads",
                    "last_read_at"),
            List.of(ContactEngagement::contactId, ContactEngagement::segment, ContactEngagement::firstMessageAt,
                    ContactEngagement::lastMessageAt, ContactEngagement::activeDays,
                    ContactEngagement::averageGapDays, ContactEngagement::longestGapDays,
                    ContactEngagement::currentGapDays, ContactEngagement::predictedNextVisit,
                    ContactEngagement::reads, ContactEngagement::lastReadAt));

    static final CsvDownload<Map.Entry<String, Long>> SEGMENTS_CSV = CsvDownload.of(
            List.of("segment", "contacts"), List.of(Map.Entry::getKey, Map.Entry::getValue));

    static final CsvDownload<TimeSlot> BEST_TIMES_CSV = CsvDownload.of(
            List.of("kind", "slot", "reads"), List.of(TimeSlot::kind, TimeSlot::slot, TimeSlot::reads));

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private EngagementRequests() {
    }

    /** A class name, or null for all of them. */
    static String segment(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String segment = raw.strip().toLowerCase(Locale.ROOT);
        if (!EngagementQueries.SEGMENTS.contains(segment)) {
            throw badRequest("segment must be one of " + String.join(", ", EngagementQueries.SEGMENTS)
                    + ", was '" + raw + "'");
        }
        return segment;
    }

    /** The moment classes are computed at: an ISO-8601 instant or a date (its start, UTC); default the present. */
    static Instant now(String raw) {
        if (raw == null || raw.isBlank()) {
            return Instant.now();
        }
        String text = raw.strip();
        try {
            Instant at = text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(text).toInstant();
            if (at.isBefore(EARLIEST) || !at.isBefore(LATEST)) {
                throw badRequest("now must be within the years 1 to 9999, was '" + raw + "'");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw badRequest("now must be an ISO-8601 time (2026-03-01T09:00:00Z) or date (2026-03-01), was '"
                    + raw + "'");
        }
    }

    /** A time zone (IANA name such as Africa/Nairobi, or an offset); default UTC. */
    static ZoneId zone(String raw) {
        if (raw == null || raw.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(raw.strip());
        } catch (DateTimeException e) {
            throw badRequest("zone must be a time zone such as Africa/Nairobi or +03:00, was '" + raw + "'");
        }
    }

    /** A cursor of the contact list: it names a contact id. */
    static Cursor after(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            UUID.fromString(cursor.key());
            return cursor;
        } catch (IllegalArgumentException notAContact) {
            throw badRequest("after is not a cursor this list handed out");
        }
    }

    static List<TimeSlot> slots(BestTimes times) {
        List<TimeSlot> slots = new ArrayList<>();
        for (int hour = 0; hour < times.hours().size(); hour++) {
            slots.add(new TimeSlot("hour", String.valueOf(hour), times.hours().get(hour)));
        }
        for (int day = 0; day < times.weekdays().size(); day++) {
            slots.add(new TimeSlot("weekday", DayOfWeek.of(day + 1).name().toLowerCase(Locale.ROOT),
                    times.weekdays().get(day)));
        }
        return slots;
    }
}
