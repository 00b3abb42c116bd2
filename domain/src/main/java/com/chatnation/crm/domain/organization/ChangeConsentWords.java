package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the words that opt the organization's contacts out of and back into marketing messages. */
public record ChangeConsentWords(@TargetAggregateIdentifier String organizationId, ConsentWords words) {
}
