package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.knowledge.KnowledgeAnswer;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.OutboundReply;

import com.chatnation.crm.domain.organization.HandoverSettings;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Questions no keyword or flow takes, answered from the organization's knowledge base. In {@code idle}, typed text the
 * bot does not understand goes to the knowledge base ({@link ConversationEffect.AskKnowledgeBase}); the answer comes
 * back ({@link RecordKnowledgeAnswer}) and is sent with "Helpful" / "Not helpful" buttons, or, when nothing matched
 * well enough, with the offer of a person. Each answer is billed as {@code ai/ai_query}.
 */
final class KnowledgeFlow {

    static final String MODULE = "ai";
    static final String ACTION = "ai_query";
    /** Tapped ids: {@code kb:yes:<queryId>}, {@code kb:no:<queryId>}, {@code kb:human:<queryId>}. */
    static final String PREFIX = "kb:";
    static final String HELPFUL = "yes";
    static final String NOT_HELPFUL = "no";
    static final String HUMAN = "human";
    static final String DONT_KNOW = "I don't know the answer to that yet. Would you like to talk to a person?";
    /** WhatsApp's interactive body takes 1,024 characters; the title and quotes around a passage take some. */
    private static final int PASSAGE = 900;

    private KnowledgeFlow() {
    }

    /** Whether typed text the bot does not understand should go to the organization's knowledge base. */
    static boolean asks(TurnContext context) {
        return context.content() instanceof MessageContent.Text text && text.body() != null && !text.body().isBlank()
                && context.knowledge().answersQuestions(context.organizationId());
    }

    /** The question goes to the knowledge base; the reply waits for its answer. The run of misunderstandings is kept. */
    static Turn ask(TurnContext context) {
        return Turn.to(ConversationState.IDLE, context.data())
                .andThen(new ConversationEffect.AskKnowledgeBase(context.newId(), context.text()));
    }

    static boolean isTapped(TurnContext context) {
        String tapped = context.tappedId();
        return tapped != null && tapped.startsWith(PREFIX) && tapped.split(":", 3).length == 3
                && !tapped.split(":", 3)[2].isBlank();
    }

    /** A tap under an answer: a rating is recorded and thanked for; asking for a person hands the conversation over. */
    static Turn tapped(TurnContext context) {
        String[] parts = context.tappedId().split(":", 3);
        String queryId = parts[2];
        Turn stay = context.state() == ConversationState.IDLE ? Turn.idle() : Turn.to(context.state(), context.data());
        return switch (parts[1]) {
            case HUMAN -> HandoverFlow.contactAsked(context);
            case HELPFUL -> stay.andThen(new ConversationEffect.RateAnswer(queryId, true))
                    .say("Thanks for letting us know!");
            case NOT_HELPFUL -> stay.andThen(new ConversationEffect.RateAnswer(queryId, false))
                    .say("Sorry that didn't help. Try asking another way, or send *agent* to talk to a person.");
            default -> stay.say(GlobalWords.menuReply(context, "Sorry, I didn't understand that. Here is what I can do:"));
        };
    }

    /**
     * The knowledge base answered: the answer goes out with its rating buttons, or the offer of a person. A question
     * it cannot answer counts as one the bot did not understand: at the organization's limit in a row the
     * conversation goes to its team, as it would without a knowledge base.
     */
    static Turn answered(Map<String, String> data, String queryId, KnowledgeAnswer answer, HandoverSettings handover,
                         Instant at) {
        if (answer.kind() == KnowledgeAnswer.Kind.NONE) {
            int inARow = IdleFlow.count(data.get(IdleFlow.NOT_UNDERSTOOD)) + 1;
            int limit = handover == null ? 0 : handover.notUnderstoodLimit();
            if (limit > 0 && inARow >= limit) {
                return HandoverFlow.botCouldNotHelp(handover, at);
            }
            return Turn.to(ConversationState.IDLE, Map.of(IdleFlow.NOT_UNDERSTOOD, Integer.toString(inARow)))
                    .billedAs(MODULE, ACTION)
                    .say(new OutboundReply.Buttons(DONT_KNOW, List.of(
                            new OutboundReply.Choice(PREFIX + HUMAN + ":" + queryId, "Talk to a person"),
                            new OutboundReply.Choice("menu:open", "Menu"))));
        }
        String body = answer.kind() == KnowledgeAnswer.Kind.FAQ ? answer.text()
                : "From *" + Texts.fit(answer.sourceTitle(), 80) + "*:\n\n\"" + Texts.fit(answer.text(), PASSAGE) + "\"";
        return Turn.idle().billedAs(MODULE, ACTION)
                .say(new OutboundReply.Buttons(Texts.fit(body, 1024), List.of(
                        new OutboundReply.Choice(PREFIX + HELPFUL + ":" + queryId, "Helpful"),
                        new OutboundReply.Choice(PREFIX + NOT_HELPFUL + ":" + queryId, "Not helpful"))));
    }
}
