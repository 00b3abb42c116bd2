package com.chatnation.crm.application.knowledge;

/**
 * One searchable text of a knowledge base with its embedding: an FAQ item's question (its answer in {@code answer})
 * or a document's passage ({@code chunk} its number, {@code title} the document's).
 */
record KnowledgeEntry(String knowledgeBaseId, String sourceType, String sourceId, int chunk, String title,
                      String content, String answer, float[] vector) {

    static final String FAQ = "faq";
    static final String PASSAGE = "chunk";

    boolean isFaq() {
        return FAQ.equals(sourceType);
    }
}
