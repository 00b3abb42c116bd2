package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The contact wrote to the organization after the broadcast reached them. */
public record RecordRecipientReply(@TargetAggregateIdentifier String recipientId, Instant at) {
}
