package com.chatnation.crm.domain.knowledge;

public record FaqItemAdded(String knowledgeBaseId, String organizationId, String faqId, String question, String answer)
        implements KnowledgeEvent {
}
