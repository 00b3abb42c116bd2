package com.chatnation.crm.domain.hypecard;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A contact asked for their card from a template, with what they gave: a name and a title (null when the template
 * does not use them) and the WhatsApp message that carried their photo (null when it uses none). {@code shareCode}
 * is the short public code of the card's page.
 */
public record RequestCard(@TargetAggregateIdentifier String cardId, String organizationId, String templateId,
                          String conversationId, String contactId, String name, String title,
                          String photoMessageId, String shareCode, Instant requestedAt) {
}
