package com.chatnation.crm.domain.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The contact is being erased: the profile refuses every later change. */
public record EraseContactProfile(@TargetAggregateIdentifier String profileId, String organizationId, String contactId, Instant erasedAt) {
}
