package com.chatnation.crm.domain.program;

import java.time.Instant;

/**
 * A program exists: name and description stripped, keyword normalized, blank optional fields null.
 *
 * @param startFrom {@link #FROM_BEGINNING} or {@link #FROM_TODAY}
 */
public record ProgramCreated(String programId, String organizationId, String name, String description,
                             ProgramSchedule schedule, String timeZone, String joinKeyword, String startFrom,
                             String reengageTemplate, String reengageLanguage, Instant createdAt)
        implements ProgramEvent {

    /** New subscribers start at the first item of the series. */
    public static final String FROM_BEGINNING = "beginning";
    /** New subscribers start at the item due now, as if they had followed from the start. */
    public static final String FROM_TODAY = "today";
}
