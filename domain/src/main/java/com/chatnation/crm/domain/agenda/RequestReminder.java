package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;

/**
 * A contact asks to be reminded of a session {@code lead} before it starts ({@code reminderId} is
 * {@link SessionReminder#idOf} the session and contact). {@code sessionStartsAt} is the session's start as the agenda
 * says now; the schedule follows the session if it moves.
 */
public record RequestReminder(@TargetAggregateIdentifier String reminderId, String organizationId, String eventId,
                              String sessionId, String contactId, String conversationId, Instant sessionStartsAt,
                              Duration lead, Instant at) {
}
