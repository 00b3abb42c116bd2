package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** New company name, booth code and description of an exhibitor (all three, as on the form). */
public record ChangeExhibitor(@TargetAggregateIdentifier String exhibitorId, String organizationId,
                              String companyName, String boothCode, String description, Instant at) {
}
