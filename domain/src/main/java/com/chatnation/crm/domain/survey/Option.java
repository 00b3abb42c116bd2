package com.chatnation.crm.domain.survey;

import static com.chatnation.crm.domain.survey.SurveyRules.require;

/** One choice of a choice question; {@code id} is what comes back when the contact taps it. */
public record Option(String id, String label) {

    public Option {
        require(id, "option id");
        require(label, "option label");
        id = id.trim();
        label = label.trim();
    }
}
