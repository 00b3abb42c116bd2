package com.chatnation.crm.domain.contact;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The shape of tags and custom attributes. Tags and attribute keys are what audiences filter on, so they are
 * normalized to lowercase and kept to a small alphabet; attribute values are free text the contact's data holds.
 */
public final class ContactFields {

    public static final int MAX_TAG_LENGTH = 64;
    public static final int MAX_KEY_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 1_000;
    public static final int MAX_TAGS = 100;
    public static final int MAX_ATTRIBUTES = 100;

    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0," + (MAX_TAG_LENGTH - 1) + "}");
    private static final Pattern KEY = Pattern.compile("[a-z0-9_]{1," + MAX_KEY_LENGTH + "}");

    private ContactFields() {
    }

    /** The tag as stored: trimmed and lowercase; refused unless 1 to 64 letters, digits, '-' or '_'. */
    public static String tag(String raw) {
        String tag = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
        if (!TAG.matcher(tag).matches()) {
            throw new DomainRuleViolation("invalid_tag", "tag '" + raw + "' must be 1 to " + MAX_TAG_LENGTH
                    + " lowercase letters, digits, '-' or '_', starting with a letter or digit");
        }
        return tag;
    }

    /** An attribute key exactly as given: lowercase letters, digits and '_', at most 64; nothing is rewritten. */
    public static String attributeKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new DomainRuleViolation("invalid_attribute_key", "attribute key '" + key + "' must be 1 to "
                    + MAX_KEY_LENGTH + " lowercase letters, digits or '_'");
        }
        return key;
    }

    /** An attribute value: not empty (remove the attribute instead), at most 1,000 characters. */
    public static String attributeValue(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new DomainRuleViolation("invalid_attribute_value", "attribute '" + key
                    + "' needs a value; remove the attribute to clear it");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new DomainRuleViolation("invalid_attribute_value", "attribute '" + key + "' is longer than "
                    + MAX_VALUE_LENGTH + " characters");
        }
        return value;
    }
}
