package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the conversation whether the contact's registration for a free event went through. */
public record RecordEventRegistration(@TargetAggregateIdentifier String conversationId, String eventId,
                                      RegisterForEventOutcome outcome) {
}
