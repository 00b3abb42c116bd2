package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a custom attribute (the same value again changes nothing). */
public record SetContactAttribute(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, String key, String value) {
}
