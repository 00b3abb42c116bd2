package com.chatnation.crm.domain.organization;

import com.chatnation.crm.domain.common.DomainRuleViolation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words with which a contact stops or resumes an organization's marketing messages. A message counts only
 * when it is just the word: case, surrounding and repeated spaces and trailing punctuation do not matter
 * ("  stop  all! " is STOP ALL), "stop the music" is not a word.
 */
public record ConsentWords(List<String> optOut, List<String> optIn) {

    public static final int MAX_WORDS = 20;
    public static final int MAX_WORD_LENGTH = 30;
    /** English and Swahili: what contacts of East African businesses type. */
    public static final ConsentWords DEFAULT = new ConsentWords(
            List.of("STOP", "UNSUBSCRIBE", "STOP ALL", "OPT OUT", "ACHA", "SITAKI"),
            List.of("START", "SUBSCRIBE", "ANZA"));

    public ConsentWords {
        optOut = normalized(optOut, "opt-out");
        optIn = normalized(optIn, "opt-in");
        Set<String> both = new HashSet<>(optOut);
        both.retainAll(optIn);
        if (!both.isEmpty()) {
            throw new DomainRuleViolation("invalid_consent_words",
                    "a word cannot both opt out and opt in: " + String.join(", ", both));
        }
    }

    /** What the message says about marketing consent, or null when it is not one of the words. */
    public Boolean optsIn(String text) {
        String word = normalize(text);
        if (optOut.contains(word)) {
            return false;
        }
        return optIn.contains(word) ? true : null;
    }

    /** Upper case, inner spaces collapsed, surrounding spaces and trailing punctuation dropped. */
    public static String normalize(String text) {
        if (text == null) {
            return "";
        }
        return text.strip().replaceAll("[!.?,]+$", "").strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }

    private static List<String> normalized(List<String> words, String kind) {
        if (words == null || words.isEmpty()) {
            throw new DomainRuleViolation("invalid_consent_words", "at least one " + kind + " word is required");
        }
        if (words.size() > MAX_WORDS) {
            throw new DomainRuleViolation("invalid_consent_words",
                    "at most " + MAX_WORDS + " " + kind + " words, got " + words.size());
        }
        Set<String> result = new LinkedHashSet<>();
        for (String word : words) {
            String normal = normalize(word);
            if (normal.isEmpty() || normal.length() > MAX_WORD_LENGTH) {
                throw new DomainRuleViolation("invalid_consent_words",
                        kind + " words have 1 to " + MAX_WORD_LENGTH + " characters, got '" + word + "'");
            }
            result.add(normal);
        }
        return List.copyOf(new ArrayList<>(result));
    }
}
