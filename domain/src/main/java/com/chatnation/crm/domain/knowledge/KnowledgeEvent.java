package com.chatnation.crm.domain.knowledge;

/** Every knowledge-base event names its knowledge base and organization, so read models never look either up. */
public interface KnowledgeEvent {

    String knowledgeBaseId();

    String organizationId();
}
