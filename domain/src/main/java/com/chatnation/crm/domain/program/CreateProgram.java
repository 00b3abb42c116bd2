package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Starts a program. {@code joinKeyword} is what a contact types to subscribe; {@code startFrom} says where a new
 * subscriber starts ({@code beginning} or {@code today}); {@code reengageTemplate} and {@code reengageLanguage}
 * (both or neither) name the approved template sent instead of an item when the subscriber's 24-hour window is
 * closed, without which such a subscriber is skipped.
 */
public record CreateProgram(@TargetAggregateIdentifier String programId, String organizationId, String name,
                            String description, ProgramSchedule schedule, String timeZone, String joinKeyword,
                            String startFrom, String reengageTemplate, String reengageLanguage,
                            Instant requestedAt) {
}
