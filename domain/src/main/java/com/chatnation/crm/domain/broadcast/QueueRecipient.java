package com.chatnation.crm.domain.broadcast;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Puts a contact on a broadcast's send list with the template's parameters filled in for them. */
public record QueueRecipient(@TargetAggregateIdentifier String recipientId, String broadcastId, String organizationId,
                             String contactId, String phone, List<String> parameters) {
}
