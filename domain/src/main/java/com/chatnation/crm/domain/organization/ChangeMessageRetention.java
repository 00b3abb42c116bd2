package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets how many days the texts of messages (the contacts' and the bot's) are kept; {@code null} keeps them for
 * as long as the organization exists.
 */
public record ChangeMessageRetention(@TargetAggregateIdentifier String organizationId, Integer days) {
}
