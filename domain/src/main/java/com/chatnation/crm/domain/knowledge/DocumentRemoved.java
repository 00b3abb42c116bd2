package com.chatnation.crm.domain.knowledge;

public record DocumentRemoved(String knowledgeBaseId, String organizationId, String documentId)
        implements KnowledgeEvent {
}
