package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A document's text, already extracted from its file (plain text, Markdown or PDF). {@code sourceType} says which,
 * for the dashboard; the text is what the bot quotes from.
 */
public record AddDocument(@TargetAggregateIdentifier String knowledgeBaseId, String organizationId, String documentId,
                          String title, String sourceType, String text) {
}
