package com.chatnation.crm.domain.template;

import java.util.Locale;

/** Meta's template categories. The category decides the price: the price list's {@code templates/<action>}. */
public enum TemplateCategory {
    MARKETING, UTILITY, AUTHENTICATION;

    /** The action under the {@code templates} module of the organization's price list. */
    public String priceAction() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The category Meta names, or null for a value this service does not know. */
    public static TemplateCategory parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return null;
        }
    }
}
