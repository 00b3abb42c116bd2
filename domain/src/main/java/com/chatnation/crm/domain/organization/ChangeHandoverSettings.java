package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the words with which contacts ask for a person, the team's business hours and when the bot gives up. */
public record ChangeHandoverSettings(@TargetAggregateIdentifier String organizationId, HandoverSettings settings) {
}
