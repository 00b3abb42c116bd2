package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;

/** Words the bot itself answers to, whatever the organization sets up: a keyword equal to one would never be read. */
public final class BotWords {

    private BotWords() {
    }

    /** Whether a typed {@code word} means cancel, menu or tickets to the bot (compared as the conversation reads it). */
    public static boolean isReserved(String word) {
        String normalized = Intent.normalize(word);
        return Intent.of(new MessageContent.Text(normalized)) != Intent.OTHER || IdleFlow.TICKET_WORDS.contains(normalized)
                || AgendaFlow.WORDS.contains(normalized);
    }
}
