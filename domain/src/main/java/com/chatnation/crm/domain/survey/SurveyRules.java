package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.common.DomainRuleViolation;

/** Shared checks of survey definitions, so every refusal carries the same codes. */
final class SurveyRules {

    private SurveyRules() {
    }

    static String require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation("missing_" + what.replace(' ', '_'), what + " is required");
        }
        return value;
    }

    static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation("invalid_survey", message);
    }
}
