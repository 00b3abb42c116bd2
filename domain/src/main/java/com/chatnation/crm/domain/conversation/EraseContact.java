package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The contact asked to be forgotten (or the organization must forget them). The conversation records it and
 * refuses anything further; destroying the contact's keys, in the same transaction, is what makes their data
 * unreadable everywhere.
 */
public record EraseContact(@TargetAggregateIdentifier String conversationId, String contactId, String reason,
                           Instant requestedAt) {
}
