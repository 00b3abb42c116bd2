package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.hypecard.RequestCard;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;

/**
 * Making a card: the contact gave the last input a template asks for → the card is asked for ({@code HypeCard}), in
 * the message's transaction, with its public share code. Drawing it waits for the photo's copy and happens later
 * (the HypeCards slice's workshop), which is when the conversation sends it.
 */
@Component
class CardRequestProcess implements ConversationProcess<ConversationEffect.MakeCard> {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final CommandGateway commands;
    private final SecureRandom random = new SecureRandom();

    CardRequestProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<ConversationEffect.MakeCard> effect() {
        return ConversationEffect.MakeCard.class;
    }

    @Override
    public void run(ConversationEffect.MakeCard card, EffectOrigin origin) {
        commands.sendAndWait(new RequestCard(card.cardId(), origin.organizationId(), card.templateId(),
                origin.conversationId(), origin.contactId(), card.name(), card.title(), card.photoMessageId(),
                shareCode(), origin.at()));
    }

    /** Eight characters that cannot be misread for each other (no 0/O, 1/l/I): typed from a poster, they still work. */
    private String shareCode() {
        StringBuilder code = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
