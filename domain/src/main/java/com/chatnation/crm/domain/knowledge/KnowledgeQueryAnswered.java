package com.chatnation.crm.domain.knowledge;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;

import java.time.Instant;
import java.util.List;

/**
 * A contact asked the bot something no keyword or flow took, and the knowledge base answered (or did not:
 * {@code answerKind} {@code none}). The question is the contact's own words, sealed like a message's text.
 */
public record KnowledgeQueryAnswered(String queryId, String organizationId, String conversationId,
                                     @DataSubject String contactId,
                                     @PersonalData(messageText = true) String question, String answerKind,
                                     String knowledgeBaseId, String sourceId, String sourceTitle, String answer,
                                     List<KnowledgeMatch> matches, long latencyMillis, Instant askedAt) {

    public KnowledgeQueryAnswered {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }
}
