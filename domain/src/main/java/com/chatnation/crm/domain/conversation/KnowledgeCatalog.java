package com.chatnation.crm.domain.conversation;

/** Whether an organization's knowledge bases can answer contacts' questions, as the conversation needs to know. */
public interface KnowledgeCatalog {

    /** True when the organization has at least one FAQ item or document to answer from. */
    boolean answersQuestions(String organizationId);

    KnowledgeCatalog NONE = organizationId -> false;
}
