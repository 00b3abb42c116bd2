package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.hypecard.HypeCard;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.OutboundReply;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HypeCards in a conversation. A template's keyword starts the flow (state {@code making_card}); the contact is asked
 * for each variable the template uses, in order (name, title, photo), and once they have given all of them the card
 * is asked for ({@link ConversationEffect.MakeCard}) and the contact is free again: drawing waits for the photo to be
 * copied out of WhatsApp, and the card comes when it is ready ({@link DeliverCard}), billed as
 * {@code hypecard/generate_card}. The questions are the flow's replies ({@code hypecard/reply}).
 */
final class CardFlow {

    static final String MODULE = "hypecard";
    static final String ACTION = "generate_card";
    static final String TEMPLATE_ID = "templateId";
    static final String ASKING = "asking";
    static final String NAME = "name";
    static final String TITLE = "title";
    static final String PHOTO_MESSAGE = "photoMessageId";

    private CardFlow() {
    }

    /** The contact typed a template's keyword. */
    static Turn start(TurnContext context, CardCatalog.CardOnOffer card) {
        return next(context, card, Map.of(TEMPLATE_ID, card.templateId()),
                "Let's make your *" + card.name() + "*! ");
    }

    /** In {@code making_card}: the answer to the variable being asked for. */
    static Turn answer(TurnContext context) {
        var card = context.cards().card(context.organizationId(), context.data().get(TEMPLATE_ID));
        if (card.isEmpty()) {
            return Turn.idle().say("Sorry, that card is no longer available.");
        }
        String asking = context.data().get(ASKING);
        Map<String, String> data = new LinkedHashMap<>(context.data());
        if ("photo".equals(asking)) {
            if (!(context.content() instanceof MessageContent.Media media) || !"image".equals(media.kind())
                    || media.mediaId() == null || media.mediaId().isBlank()) {
                return Turn.to(ConversationState.MAKING_CARD, context.data())
                        .say("Please send a photo of yourself for the card (a picture, not a file), or send *cancel* "
                                + "to stop.");
            }
            data.put(PHOTO_MESSAGE, context.messageId());
        } else {
            String typed = context.content() instanceof MessageContent.Text text && text.body() != null
                    ? text.body().strip() : "";
            if (typed.isEmpty() || typed.length() > HypeCard.MAX_INPUT) {
                return Turn.to(ConversationState.MAKING_CARD, context.data())
                        .say("Please type your " + asking + " in up to " + HypeCard.MAX_INPUT
                                + " characters, or send *cancel* to stop.");
            }
            data.put(asking, typed);
        }
        return next(context, card.get(), data, "");
    }

    /** Asks for the first variable not given yet; with all of them, asks for the card. */
    private static Turn next(TurnContext context, CardCatalog.CardOnOffer card, Map<String, String> given,
                             String greeting) {
        Map<String, String> data = new LinkedHashMap<>(given);
        for (String variable : card.variables()) {
            boolean has = "photo".equals(variable) ? data.containsKey(PHOTO_MESSAGE) : data.containsKey(variable);
            if (!has) {
                data.put(ASKING, variable);
                return Turn.to(ConversationState.MAKING_CARD, data).say(greeting + question(variable));
            }
        }
        // billed to the cards even when the keyword alone made it (idle before and after)
        return Turn.idle().billedTo(MODULE)
                .andThen(new ConversationEffect.MakeCard(context.newId(), card.templateId(), data.get(NAME),
                        data.get(TITLE), data.get(PHOTO_MESSAGE)))
                .say(greeting + "Thanks! Your card is being made: it will arrive here in a moment.");
    }

    private static String question(String variable) {
        switch (variable) {
            case NAME:
                return "What name should go on your card?";
            case TITLE:
                return "What title should go under your name (e.g. your role, or your company)?";
            default:
                return "Now send a photo of yourself for the card (a picture, not a file).";
        }
    }

    /** The card is ready, or could not be made. */
    static Turn delivered(ConversationState state, Map<String, String> data, DeliverCard card) {
        Turn stay = Turn.to(state, data);
        if (card.failure() != null) {
            return stay.billedTo(MODULE).say("Sorry, we couldn't make your card this time"
                    + ("photo_lost".equals(card.failure()) ? ": your photo could not be downloaded." : ".")
                    + " Send the same word again to try once more.");
        }
        return stay.billedAs(MODULE, ACTION).say(new OutboundReply.Image(card.imageKey(),
                "Here is your card! Share it with your friends: " + card.shareLink()));
    }
}
