package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;

import java.util.Locale;
import java.util.Set;

/** The global words: they mean the same in every state, so they are read before the state gets the message. */
enum Intent {
    CANCEL, MENU, OTHER;

    private static final Set<String> CANCEL_WORDS = Set.of("cancel", "stop", "quit", "exit", "acha");
    private static final Set<String> MENU_WORDS = Set.of("menu", "hi", "hello", "hey", "help", "start", "habari",
            "menu:open");

    static Intent of(MessageContent content) {
        // A tapped "menu:open" row means the menu as much as typing the word does.
        String said = content.tappedId() != null ? content.tappedId() : content.readableText();
        String word = normalize(said);
        if (CANCEL_WORDS.contains(word)) {
            return CANCEL;
        }
        return MENU_WORDS.contains(word) ? MENU : OTHER;
    }

    /** Only a message that is just the word counts: "stop the music" is an answer, not a command. */
    static String normalize(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("[!.?,]+$", "").strip();
    }
}
