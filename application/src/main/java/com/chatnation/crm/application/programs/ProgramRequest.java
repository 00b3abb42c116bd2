package com.chatnation.crm.application.programs;

import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.program.ProgramCreated;
import com.chatnation.crm.domain.program.ProgramSchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * A program as the organization writes it. Field sizes here keep oversized input out; the {@code Program}'s own rules
 * (a name of up to 100 characters, a known time zone, a schedule that makes sense) answer 422 naming the rule.
 *
 * @param timeZone  an IANA zone such as {@code Africa/Nairobi} (the default)
 * @param startFrom {@code beginning} (the default) or {@code today}
 */
record ProgramRequest(@NotBlank @Size(max = 200) String name,
                      @Size(max = 2000) String description,
                      @NotNull @Valid Schedule schedule,
                      @Size(max = 64) String timeZone,
                      @NotBlank @Size(max = 60) String joinKeyword,
                      @Size(max = 16) String startFrom,
                      @Size(max = 512) String reengageTemplate,
                      @Size(max = 16) String reengageLanguage) {

    static final String DEFAULT_TIME_ZONE = "Africa/Nairobi";
    private static final DateTimeFormatter HOURS_MINUTES = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /**
     * @param frequency {@code daily} or {@code weekly}
     * @param at        the local time of the slot, {@code HH:mm}
     * @param day       the day of a weekly program ({@code sunday}); none for a daily one
     */
    record Schedule(@Size(max = 16) String frequency, @Size(max = 16) String at, @Size(max = 16) String day) {

        /** The schedule the program keeps; refused ({@code invalid_schedule}) when it cannot be read. */
        ProgramSchedule toSchedule() {
            LocalTime time;
            try {
                time = at == null || at.isBlank() ? null : LocalTime.parse(at.strip(), HOURS_MINUTES);
            } catch (DateTimeParseException unreadable) {
                throw new DomainRuleViolation("invalid_schedule", "the time of day is HH:mm, such as 06:00, not " + at);
            }
            DayOfWeek weekday = null;
            if (day != null && !day.isBlank()) {
                try {
                    weekday = DayOfWeek.valueOf(day.strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException unknown) {
                    throw new DomainRuleViolation("invalid_schedule", "the day is a day of the week, such as sunday, not "
                            + day);
                }
            }
            return new ProgramSchedule(frequency == null ? null : frequency.strip().toLowerCase(Locale.ROOT), time,
                    weekday);
        }
    }

    String zone() {
        return timeZone == null || timeZone.isBlank() ? DEFAULT_TIME_ZONE : timeZone.strip();
    }

    String start() {
        return startFrom == null || startFrom.isBlank() ? ProgramCreated.FROM_BEGINNING
                : startFrom.strip().toLowerCase(Locale.ROOT);
    }
}
