package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.conversation.DeliveryStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A status webhook, or a send refused for good ({@code FAILED} before any {@code wamid}). Statuses arrive in any
 * order and more than once; only those that move the recipient forward count.
 */
public record RecordRecipientStatus(@TargetAggregateIdentifier String recipientId, DeliveryStatus status, Instant at,
                                    Integer errorCode, String errorTitle) {
}
