package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveFaqItem(@TargetAggregateIdentifier String knowledgeBaseId, String organizationId, String faqId) {
}
