package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a program's items go out: every day, or one day a week, at a wall-clock time of the program's time zone.
 * Kept as wall-clock time rather than an instant so 06:00 stays 06:00 across daylight-saving changes.
 *
 * @param frequency {@link #DAILY} or {@link #WEEKLY}
 * @param at        the local time of the slot
 * @param day       the day of a weekly schedule; null for a daily one
 */
public record ProgramSchedule(String frequency, LocalTime at, DayOfWeek day) {

    public static final String DAILY = "daily";
    public static final String WEEKLY = "weekly";

    public ProgramSchedule {
        if (!DAILY.equals(frequency) && !WEEKLY.equals(frequency)) {
            throw new DomainRuleViolation("invalid_schedule", "a program goes out daily or weekly, not " + frequency);
        }
        if (at == null) {
            throw new DomainRuleViolation("invalid_schedule", "a program's schedule needs a time of day");
        }
        if (WEEKLY.equals(frequency) && day == null) {
            throw new DomainRuleViolation("invalid_schedule", "a weekly program needs a day of the week");
        }
        if (DAILY.equals(frequency) && day != null) {
            throw new DomainRuleViolation("invalid_schedule", "a daily program goes out every day, so it takes no day");
        }
    }

    public static ProgramSchedule daily(LocalTime at) {
        return new ProgramSchedule(DAILY, at, null);
    }

    public static ProgramSchedule weekly(DayOfWeek day, LocalTime at) {
        return new ProgramSchedule(WEEKLY, at, day);
    }

    /** Whether the program has a slot on this (local) date. */
    public boolean fallsOn(LocalDate date) {
        return DAILY.equals(frequency) || date.getDayOfWeek() == day;
    }

    /**
     * The instant of the slot time on this date in the zone. A time the clocks skip (02:30 on a spring-forward
     * night) moves forward by the gap, and a time that happens twice takes the first, so a slot is never lost nor
     * sent twice. Does not check {@link #fallsOn}.
     */
    public Instant slotOn(LocalDate date, ZoneId zone) {
        return ZonedDateTime.of(date, at, zone).toInstant();
    }

    /** The date of the latest slot at or before {@code now}: the slot a new or late delivery catches up to. */
    public Optional<LocalDate> latestSlotDate(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        // a week back and the day itself: a weekly slot later today means last week's is the latest
        for (int back = 0; back <= 7; back++) {
            LocalDate date = today.minusDays(back);
            if (fallsOn(date) && !slotOn(date, zone).isAfter(now)) {
                return Optional.of(date);
            }
        }
        return Optional.empty();
    }

    /** The date of the first slot strictly after {@code now}: when the scheduler next has work. */
    public LocalDate nextSlotDate(Instant now, ZoneId zone) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        for (int ahead = 0; ahead <= 8; ahead++) {
            LocalDate date = today.plusDays(ahead);
            if (fallsOn(date) && slotOn(date, zone).isAfter(now)) {
                return date;
            }
        }
        throw new IllegalStateException("no slot within a week of " + now + " for " + this);
    }
}
