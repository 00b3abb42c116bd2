package com.chatnation.crm.application.platform.pages;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Optional;

/**
 * A change the domain refused, as a page shows it next to the field or form it concerns: the rule's stable
 * {@code code} picks the page's own text ({@code refusal.<code>} in the message bundle) and the domain's message is
 * the fallback. {@code where} names the form on the page (a page may hold several).
 */
public record Refusal(String where, String code, String message) {

    /** The rule a command broke, whether the command refused it directly or its handler did (wrapped by Axon). */
    public static Optional<Refusal> of(String where, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainRuleViolation violation) {
                return Optional.of(new Refusal(where, violation.code(), violation.getMessage()));
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * The rule a failed command broke, for a page that shows its message; any other failure is not the form's to
     * explain and is thrown on.
     */
    public static DomainRuleViolation violationIn(RuntimeException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DomainRuleViolation violation) {
                return violation;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        throw failure;
    }

    /** A refusal of the page's own (a required field left empty, a value too long). */
    public static Refusal of(String where, String code) {
        return new Refusal(where, code, code);
    }

    public boolean concerns(String form) {
        return where.equals(form);
    }
}
