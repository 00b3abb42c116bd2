package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Cancels a pending reminder for one of {@link ReminderCancelled#REASONS}; answered with whether one was pending (a
 * reminder cancelled or sent already changes nothing).
 */
public record CancelReminder(@TargetAggregateIdentifier String reminderId, String organizationId, String reason,
                             Instant at) {
}
