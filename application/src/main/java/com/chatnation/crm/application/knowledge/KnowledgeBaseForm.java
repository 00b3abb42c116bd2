package com.chatnation.crm.application.knowledge;

/**
 * The new-knowledge-base form as the browser sends it, kept as typed so a refused one comes back with everything in
 * it. Every field is text, so no value a browser could send fails to bind.
 */
record KnowledgeBaseForm(String name, String description) {

    static KnowledgeBaseForm empty() {
        return new KnowledgeBaseForm("", "");
    }

    /** The request the API would take for the same knowledge base: its limits are the page's. */
    KnowledgeController.KnowledgeBaseRequest request() {
        return new KnowledgeController.KnowledgeBaseRequest(name, description == null || description.isBlank()
                ? null : description);
    }
}
