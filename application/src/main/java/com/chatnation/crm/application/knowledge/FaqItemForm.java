package com.chatnation.crm.application.knowledge;

/** The add-an-FAQ-item form as typed, so a refused item comes back with its question and answer. */
record FaqItemForm(String question, String answer) {

    static FaqItemForm empty() {
        return new FaqItemForm("", "");
    }

    /** The request the API would take for the same item: its limits are the page's. */
    KnowledgeController.FaqItemRequest request() {
        return new KnowledgeController.FaqItemRequest(question, answer);
    }
}
