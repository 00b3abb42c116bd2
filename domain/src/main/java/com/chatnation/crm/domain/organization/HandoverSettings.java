package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How the organization's contacts reach a person instead of the bot.
 * <ul>
 *     <li>{@code words}: a message that is just one of them (any case, spaces and trailing punctuation ignored, as
 *     for the consent words) hands the conversation to the team. None: contacts cannot ask.</li>
 *     <li>{@code businessHours}: when the team answers; null: always.</li>
 *     <li>{@code notUnderstoodLimit}: after that many messages in a row the bot did not understand, it hands the
 *     conversation over itself; 0 never; null in settings stored without it: {@link #DEFAULT_NOT_UNDERSTOOD_LIMIT}.</li>
 * </ul>
 * The organization's consent words are read before these, so a word in both lists opts out or in.
 */
public record HandoverSettings(List<String> words, BusinessHours businessHours, Integer notUnderstoodLimit) {

    public static final int MAX_WORDS = 20;
    public static final int MAX_WORD_LENGTH = 30;
    public static final int DEFAULT_NOT_UNDERSTOOD_LIMIT = 3;
    public static final int MAX_NOT_UNDERSTOOD_LIMIT = 10;
    /** English and Swahili ("mtu": a person). */
    public static final List<String> DEFAULT_WORDS = List.of("AGENT", "HUMAN", "MTU", "TALK TO A PERSON",
            "TALK TO AN AGENT");
    public static final HandoverSettings DEFAULT = new HandoverSettings(DEFAULT_WORDS, null,
            DEFAULT_NOT_UNDERSTOOD_LIMIT);

    public HandoverSettings {
        if (words == null) {
            throw invalid("words are required (an empty list: contacts cannot ask for a person)");
        }
        if (words.size() > MAX_WORDS) {
            throw invalid("at most " + MAX_WORDS + " words, got " + words.size());
        }
        Set<String> normalized = new LinkedHashSet<>();
        for (String word : words) {
            String normal = ConsentWords.normalize(word);
            if (normal.isEmpty() || normal.length() > MAX_WORD_LENGTH) {
                throw invalid("words have 1 to " + MAX_WORD_LENGTH + " characters, got '" + word + "'");
            }
            normalized.add(normal);
        }
        words = List.copyOf(normalized);
        if (notUnderstoodLimit == null) {
            notUnderstoodLimit = DEFAULT_NOT_UNDERSTOOD_LIMIT;
        }
        if (notUnderstoodLimit < 0 || notUnderstoodLimit > MAX_NOT_UNDERSTOOD_LIMIT) {
            throw invalid("notUnderstoodLimit is 0 (never) to " + MAX_NOT_UNDERSTOOD_LIMIT + ", was "
                    + notUnderstoodLimit);
        }
    }

    /** Whether a typed message asks for a person. */
    public boolean asksForAPerson(String text) {
        return !words.isEmpty() && words.contains(ConsentWords.normalize(text));
    }

    /** Whether the team is in at that moment: always, unless business hours are set. */
    public boolean teamIsIn(Instant at) {
        return businessHours == null || businessHours.isOpen(at);
    }

    private static DomainRuleViolation invalid(String message) {
        return new DomainRuleViolation("invalid_handover_settings", message);
    }
}
