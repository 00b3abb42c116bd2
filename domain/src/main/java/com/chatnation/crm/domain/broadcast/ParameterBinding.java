package com.chatnation.crm.domain.broadcast;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Set;

/**
 * Where one template parameter's value comes from for each recipient: the contact's {@code name}, their
 * {@code phone}, one of their {@code attribute}s (by {@code key}), or a fixed {@code text} the same for everyone.
 * {@code fallback} stands in when a contact has no such value (WhatsApp refuses an empty parameter); for a
 * {@code text} binding it is the text. {@code name} is the parameter's name in a template with named parameters
 * ({@code {{first_name}}}), null for positional ones ({@code {{1}}}, bound in order).
 */
public record ParameterBinding(String name, String source, String key, String fallback) {

    public static final Set<String> SOURCES = Set.of("name", "phone", "attribute", "text");
    static final int MAX_TEXT_LENGTH = 1024;

    public ParameterBinding {
        if (source == null || !SOURCES.contains(source)) {
            throw new DomainRuleViolation("invalid_parameter_binding",
                    "a parameter's value comes from one of " + SOURCES + ", was " + source);
        }
        if ("attribute".equals(source) && (key == null || key.isBlank())) {
            throw new DomainRuleViolation("invalid_parameter_binding", "an attribute parameter names the attribute's key");
        }
        if (("name".equals(source) || "attribute".equals(source)) && (fallback == null || fallback.isBlank())) {
            throw new DomainRuleViolation("invalid_parameter_binding", "a " + source + " parameter needs a fallback "
                    + "for contacts without one (WhatsApp refuses an empty parameter)");
        }
        if ("text".equals(source) && (fallback == null || fallback.isBlank())) {
            throw new DomainRuleViolation("invalid_parameter_binding", "a text parameter needs its text");
        }
        if (fallback != null && fallback.length() > MAX_TEXT_LENGTH) {
            throw new DomainRuleViolation("invalid_parameter_binding",
                    "a parameter's text or fallback has at most " + MAX_TEXT_LENGTH + " characters");
        }
    }
}
