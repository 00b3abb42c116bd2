package com.chatnation.crm.application.contacts;

import com.chatnation.crm.domain.contact.ConsentStatus;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The words a request or an imported file may use for consent. */
final class ConsentValues {

    private static final Map<String, ConsentStatus> WORDS = Map.of(
            "opted_in", ConsentStatus.OPTED_IN, "yes", ConsentStatus.OPTED_IN, "true", ConsentStatus.OPTED_IN,
            "opted_out", ConsentStatus.OPTED_OUT, "no", ConsentStatus.OPTED_OUT, "false", ConsentStatus.OPTED_OUT);

    private ConsentValues() {
    }

    /** opted_in/yes/true or opted_out/no/false, any case; empty for anything else. */
    static Optional<ConsentStatus> parse(String word) {
        return word == null ? Optional.empty()
                : Optional.ofNullable(WORDS.get(word.strip().toLowerCase(Locale.ROOT).replace('-', '_')));
    }
}
