package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Opens a knowledge base: the documents and question-and-answer pairs the bot answers contacts' questions from. */
public record CreateKnowledgeBase(@TargetAggregateIdentifier String knowledgeBaseId, String organizationId, String name,
                                  String description, java.time.Instant requestedAt) {
}
