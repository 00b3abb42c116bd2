package com.chatnation.crm.domain.program;

import com.chatnation.crm.domain.privacy.DataSubject;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The subscriber was sent the item of the slot of {@code slotDate} (the program's local date). {@code conversationId}
 * is the one the subscription knows, null when the contact had not written when subscribed.
 */
public record ProgramItemDelivered(String subscriptionId, String programId, String organizationId,
                                   @DataSubject String contactId, String conversationId, String itemId,
                                   Integer sequenceNumber, LocalDate slotDate, String replyId, Instant at)
        implements ProgramSubscriptionEvent {
}
