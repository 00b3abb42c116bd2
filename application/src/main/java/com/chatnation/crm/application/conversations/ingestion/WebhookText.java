package com.chatnation.crm.application.conversations.ingestion;

import java.util.regex.Pattern;

/**
 * What the webhook accepts as text and as identifiers. PostgreSQL cannot store a NUL character or a lone UTF-16
 * surrogate in {@code text} or {@code jsonb}, so free text is cleaned (NUL removed, a lone or reversed surrogate
 * replaced by U+FFFD) rather than refused: the rest of the message is still the contact's. Identifiers are not
 * cleaned, because two different ids must never become one: an id that is not 1 to {@link #MAX_ID_LENGTH}
 * printable ASCII characters is unusable.
 */
final class WebhookText {

    /** The read tables hold WhatsApp message ids in {@code VARCHAR(255)} columns ({@code messages.id}, {@code wamid}). */
    static final int MAX_ID_LENGTH = 255;
    /** E.164 allows 15 digits; 20 leaves room for what WhatsApp may add without letting a page of digits in. */
    static final int MAX_WA_ID_DIGITS = 20;

    private static final Pattern WA_ID = Pattern.compile("[0-9]{1," + MAX_WA_ID_DIGITS + "}");
    private static final char REPLACEMENT = '\uFFFD';

    private WebhookText() {
    }

    /** Free text PostgreSQL can store: without NUL, every surrogate paired; null stays null. */
    static String clean(String raw) {
        if (raw == null || isClean(raw)) {
            return raw;
        }
        StringBuilder cleaned = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u0000') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                cleaned.append(c).append(raw.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                cleaned.append(REPLACEMENT);
            } else {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }

    private static boolean isClean(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** An id WhatsApp could have issued: 1 to 255 printable ASCII characters, no spaces. */
    static boolean isUsableId(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** Why an id is unusable, for the quarantine: its length or its first offending character, never the id itself. */
    static String describeId(String id) {
        if (id.isEmpty()) {
            return "is empty";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "is " + id.length() + " characters long (at most " + MAX_ID_LENGTH + ")";
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return "has character U+%04X at position %d (printable ASCII only)".formatted((int) c, i);
            }
        }
        return "is usable";
    }

    /**
     * A WhatsApp id ({@code from}, {@code wa_id}) as digits: surrounding spaces and one leading {@code +} removed;
     * null unless 1 to 20 digits remain.
     */
    static String waIdOrNull(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.strip();
        if (digits.startsWith("+")) {
            digits = digits.substring(1);
        }
        return WA_ID.matcher(digits).matches() ? digits : null;
    }
}
