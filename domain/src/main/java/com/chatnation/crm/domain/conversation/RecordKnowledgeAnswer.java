package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Tells the conversation what the knowledge base answered the contact's question with, so it can reply.
 * {@code askedAt}: when the contact sent the question (business hours are judged at that time).
 */
public record RecordKnowledgeAnswer(@TargetAggregateIdentifier String conversationId, String queryId,
                                    KnowledgeAnswer answer, Instant askedAt) {
}
