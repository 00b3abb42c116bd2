package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records a contact's question and what the knowledge base answered, so it can be rated and counted. */
public record LogKnowledgeQuery(@TargetAggregateIdentifier String queryId, String organizationId,
                                String conversationId, String contactId, String question, KnowledgeAnswer answer,
                                Instant askedAt) {
}
