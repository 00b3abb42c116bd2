package com.chatnation.crm.domain.common;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The words contacts type to start something (a poll, a HypeCard): kept as the conversation compares them, trimmed,
 * lower case, one space between words, and limited to what a person can type reliably on a phone.
 */
public final class Keywords {

    private static final Pattern KEYWORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _-]{0,29}");

    private Keywords() {
    }

    /** The keyword as compared, or null for none given. */
    public static String normalize(String given) {
        return given == null || given.isBlank() ? null
                : given.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** The normalized keyword, refused ({@code invalid_keyword}) unless it is 1 to 30 letters, digits, spaces, - or _. */
    public static String require(String given) {
        String keyword = normalize(given);
        if (keyword == null || !KEYWORD.matcher(keyword).matches()) {
            throw new DomainRuleViolation("invalid_keyword", "a keyword is 1 to 30 letters, digits, spaces, '-' or "
                    + "'_', starting with a letter or digit");
        }
        return keyword;
    }
}
