package com.chatnation.crm.domain.agenda;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The schedule sent the reminder as the message {@code replyId}. Answered with whether it was recorded: false when it
 * was sent already, and that message must then not go out.
 */
public record RecordReminderSent(@TargetAggregateIdentifier String reminderId, String organizationId, String replyId,
                                 Instant at) {
}
