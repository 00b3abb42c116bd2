package com.chatnation.crm.domain.knowledge;

/**
 * A candidate the search found for a question: an FAQ item ({@code faq}) or a document's passage ({@code chunk},
 * {@code sourceId} = document id, {@code chunk} its passage number), with its cosine similarity to the question.
 */
public record KnowledgeMatch(String sourceType, String sourceId, Integer chunk, double score) {
}
