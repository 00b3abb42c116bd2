package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a tag to the contact (a tag already held changes nothing). */
public record TagContact(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, String tag) {
}
