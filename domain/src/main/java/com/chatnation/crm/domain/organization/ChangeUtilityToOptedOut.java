package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets whether utility and authentication template messages still go to contacts who opted out of marketing.
 * Marketing messages never do, whatever this says.
 */
public record ChangeUtilityToOptedOut(@TargetAggregateIdentifier String organizationId, boolean send) {
}
