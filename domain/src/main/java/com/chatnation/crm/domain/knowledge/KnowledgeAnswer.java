package com.chatnation.crm.domain.knowledge;

import java.util.List;

/**
 * What the knowledge base answered a question with: an FAQ item's answer, a document's passage quoted with its
 * title, or nothing good enough ({@link Kind#NONE}, when the bot offers a person instead).
 *
 * @param matches      the best candidates the search found, best first, whether or not one was good enough
 * @param latencyMillis how long the search took
 */
public record KnowledgeAnswer(Kind kind, String knowledgeBaseId, String sourceId, String sourceTitle, String text,
                              List<KnowledgeMatch> matches, long latencyMillis) {

    public enum Kind { FAQ, PASSAGE, NONE }

    public KnowledgeAnswer {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    public static KnowledgeAnswer none(List<KnowledgeMatch> matches, long latencyMillis) {
        return new KnowledgeAnswer(Kind.NONE, null, null, null, null, matches, latencyMillis);
    }
}
