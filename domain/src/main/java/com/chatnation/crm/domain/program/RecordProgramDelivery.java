package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Records that the scheduler sent a subscriber the item of a slot. {@code sequenceNumber} is null for an item
 * placed on the calendar; {@code replyId} names the outgoing message. Answered with whether it was recorded: a
 * slot already recorded (the scheduler retried after a crash) is not recorded again, and must not be sent again.
 */
public record RecordProgramDelivery(@TargetAggregateIdentifier String subscriptionId, String organizationId,
                                    String itemId, Integer sequenceNumber, LocalDate slotDate, String replyId,
                                    Instant at) {
}
