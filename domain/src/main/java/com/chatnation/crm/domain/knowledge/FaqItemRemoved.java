package com.chatnation.crm.domain.knowledge;

public record FaqItemRemoved(String knowledgeBaseId, String organizationId, String faqId) implements KnowledgeEvent {
}
