package com.chatnation.crm.domain.common;

/**
 * A command broke a business rule. The {@code code} is stable and machine readable, so callers (HTTP
 * endpoints, flows) can react to the rule without parsing the message; the message is meant for people.
 */
public class DomainRuleViolation extends RuntimeException {

    private final String code;

    public DomainRuleViolation(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
