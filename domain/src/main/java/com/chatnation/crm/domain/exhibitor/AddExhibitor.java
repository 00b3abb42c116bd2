package com.chatnation.crm.domain.exhibitor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A company exhibiting at one of the organization's events, at a booth. {@code boothCode} is what visitors type or
 * scan ("A15"): 1 to {@value Exhibitor#MAX_BOOTH_CODE_LENGTH} letters, digits or dashes, kept in upper case. The
 * caller checks that the event is the organization's and that no other exhibitor of the event has the code.
 */
public record AddExhibitor(@TargetAggregateIdentifier String exhibitorId, String organizationId, String eventId,
                           String companyName, String boothCode, String description, Instant at) {
}
