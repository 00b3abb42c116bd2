package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a tag (a tag not held changes nothing). */
public record UntagContact(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, String tag) {
}
