package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A card the contact asked for is ready ({@code imageKey} names its PNG in the media store, {@code shareLink} its
 * public page) or could not be made ({@code failure} set, the rest null). The conversation sends it whatever the
 * contact is doing now: they are waiting for it.
 */
public record DeliverCard(@TargetAggregateIdentifier String conversationId, String cardId, String imageKey,
                          String shareLink, String failure) {
}
