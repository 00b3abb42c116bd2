package com.chatnation.crm.domain.knowledge;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveDocument(@TargetAggregateIdentifier String knowledgeBaseId, String organizationId,
                             String documentId) {
}
