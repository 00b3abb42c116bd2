package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a custom attribute (one not set changes nothing). */
public record RemoveContactAttribute(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, String key) {
}
