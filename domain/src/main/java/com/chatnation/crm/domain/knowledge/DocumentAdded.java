package com.chatnation.crm.domain.knowledge;

import java.util.List;

/**
 * A document and the passages it was split into ({@link Chunks}). The passages are part of the event, so what the
 * bot can quote from a document stays what it was when added, whatever the splitting rules become later.
 */
public record DocumentAdded(String knowledgeBaseId, String organizationId, String documentId, String title,
                            String sourceType, int characters, List<String> chunks) implements KnowledgeEvent {

    public DocumentAdded {
        chunks = List.copyOf(chunks);
    }
}
