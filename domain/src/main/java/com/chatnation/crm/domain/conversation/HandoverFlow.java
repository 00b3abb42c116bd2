package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.organization.HandoverSettings;

import java.time.Instant;
import java.util.Map;

/**
 * Handing a conversation to the organization's team, and what the bot does while a person holds it: it records the
 * contact's messages and says nothing (only the consent words are still answered, see {@link GlobalWords}).
 */
final class HandoverFlow {

    /** The state data key of the reason the conversation was handed over. */
    static final String REASON = "handoverReason";
    static final String CONFIRMATION = "A member of our team will reply here shortly.";
    static final String BOT_GAVE_UP = "Sorry, I couldn't help with that. " + CONFIRMATION;

    private HandoverFlow() {
    }

    /** The contact asked for a person: whatever flow was under way is left (a survey is recorded as abandoned). */
    static Turn contactAsked(TurnContext context) {
        return handOver(context, ConversationHandedOver.CONTACT_ASKED, CONFIRMATION);
    }

    /** The bot did not understand the contact several times in a row. */
    static Turn botCouldNotHelp(TurnContext context) {
        return handOver(context, ConversationHandedOver.BOT_COULD_NOT_HELP, BOT_GAVE_UP);
    }

    /** The bot could not help from {@code idle}, outside a message's turn (the knowledge base found no answer). */
    static Turn botCouldNotHelp(HandoverSettings settings, Instant at) {
        String reason = ConversationHandedOver.BOT_COULD_NOT_HELP;
        boolean teamIsIn = settings == null || settings.teamIsIn(at);
        return Turn.to(ConversationState.HANDED_OVER, Map.of(REASON, reason)).handOver(reason)
                .say(teamIsIn ? BOT_GAVE_UP : settings.businessHours().outOfHoursReply());
    }

    /** A person holds the conversation: the message is recorded (by the aggregate) and not answered. */
    static Turn personHolds(TurnContext context) {
        return Turn.to(ConversationState.HANDED_OVER, context.data());
    }

    private static Turn handOver(TurnContext context, String reason, String confirmation) {
        Turn turn = Turn.to(ConversationState.HANDED_OVER, Map.of(REASON, reason)).handOver(reason);
        String responseId = context.data().get(SurveyFlow.RESPONSE_ID);
        if (context.state() == ConversationState.SURVEY_IN_PROGRESS && responseId != null) {
            turn = turn.andThen(new ConversationEffect.AbandonSurvey(responseId, "handed_over"));
        }
        // Outside the team's hours the handover still happens: the contact is told when to expect an answer.
        boolean teamIsIn = context.handover() == null || context.handover().teamIsIn(context.now());
        return turn.say(teamIsIn ? confirmation : context.handover().businessHours().outOfHoursReply());
    }
}
