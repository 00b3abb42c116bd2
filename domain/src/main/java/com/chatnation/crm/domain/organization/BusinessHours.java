package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * When the organization's team answers: on {@code days}, from {@code opensAt} until {@code closesAt} ({@code HH:mm},
 * the same day) in {@code timeZone} (an IANA zone such as {@code Africa/Nairobi}). A contact handed to the team
 * outside them is told {@code outOfHoursReply} instead of being promised a reply shortly; the handover still happens.
 */
public record BusinessHours(String timeZone, List<DayOfWeek> days, String opensAt, String closesAt,
                            String outOfHoursReply) {

    public static final int MAX_REPLY_LENGTH = 1024;

    public BusinessHours {
        if (timeZone == null || timeZone.isBlank()) {
            throw invalid("a time zone is required (such as Africa/Nairobi)");
        }
        try {
            ZoneId.of(timeZone.strip());
        } catch (DateTimeException unknown) {
            throw invalid("unknown time zone '" + timeZone + "'");
        }
        timeZone = timeZone.strip();
        if (days == null || days.isEmpty() || days.stream().anyMatch(java.util.Objects::isNull)) {
            throw invalid("at least one day is required (MONDAY … SUNDAY)");
        }
        days = List.copyOf(EnumSet.copyOf(days));
        LocalTime opens = time(opensAt, "opensAt");
        LocalTime closes = time(closesAt, "closesAt");
        if (!opens.isBefore(closes)) {
            throw invalid("closesAt must be after opensAt on the same day");
        }
        opensAt = opens.toString();
        closesAt = closes.toString();
        if (outOfHoursReply == null || outOfHoursReply.isBlank()) {
            throw invalid("an out-of-hours answer is required");
        }
        outOfHoursReply = outOfHoursReply.strip();
        if (outOfHoursReply.length() > MAX_REPLY_LENGTH) {
            throw invalid("the out-of-hours answer has at most " + MAX_REPLY_LENGTH + " characters");
        }
    }

    /** Whether the team is in at that moment. */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.of(timeZone));
        LocalTime time = local.toLocalTime();
        Set<DayOfWeek> open = EnumSet.copyOf(days);
        return open.contains(local.getDayOfWeek()) && !time.isBefore(LocalTime.parse(opensAt))
                && time.isBefore(LocalTime.parse(closesAt));
    }

    private static LocalTime time(String value, String field) {
        if (value == null) {
            throw invalid(field + " is required (HH:mm)");
        }
        try {
            return LocalTime.parse(value.strip());
        } catch (DateTimeParseException notATime) {
            throw invalid(field + " must be a time of day as HH:mm, was '" + value + "'");
        }
    }

    private static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation("invalid_business_hours", message);
    }
}
