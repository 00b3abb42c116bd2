package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A HypeCard template: its layout and the keyword a contact types to make their card from it.
 */
public record CreateCardTemplate(@TargetAggregateIdentifier String templateId, String organizationId, String name,
                                 String keyword, CardLayout layout, Instant requestedAt) {
}
