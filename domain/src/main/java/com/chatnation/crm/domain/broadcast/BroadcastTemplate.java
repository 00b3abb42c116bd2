package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Set;

/**
 * The approved message template a broadcast sends: its name and language at Meta, and its category, which sets
 * the price and decides whether opted-out contacts are left out (marketing always, utility per organization).
 */
public record BroadcastTemplate(String name, String language, String category) {

    public static final Set<String> CATEGORIES = Set.of("MARKETING", "UTILITY", "AUTHENTICATION");

    public BroadcastTemplate {
        if (name == null || name.isBlank() || language == null || language.isBlank()) {
            throw new DomainRuleViolation("invalid_template", "a broadcast names its template and language");
        }
        if (category == null || !CATEGORIES.contains(category)) {
            throw new DomainRuleViolation("invalid_template_category",
                    "a template's category is MARKETING, UTILITY or AUTHENTICATION, was " + category);
        }
    }

    public boolean marketing() {
        return "MARKETING".equals(category);
    }
}
