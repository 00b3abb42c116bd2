package com.chatnation.crm.domain.knowledge;

import java.time.Instant;

public record KnowledgeBaseCreated(String knowledgeBaseId, String organizationId, String name, String description,
                                   Instant createdAt) implements KnowledgeEvent {
}
