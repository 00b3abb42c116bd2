package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A question the organization answers the same way every time. */
public record AddFaqItem(@TargetAggregateIdentifier String knowledgeBaseId, String organizationId, String faqId,
                         String question, String answer) {
}
