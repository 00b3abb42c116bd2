package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import com.chatnation.crm.domain.survey.SurveyDefinition;

import java.util.ArrayList;
import java.util.List;

/**
 * cancel/stop, menu/hi/help and the organization's opt-out and opt-in words. The consent words work in every state;
 * the others in every state the bot holds.
 */
final class GlobalWords {

    static final String MENU_TICKETS = "menu:tickets";
    static final String MENU_HELP = "menu:help";
    static final String MENU_AGENDA = "menu:agenda";
    static final String SURVEY_PREFIX = "survey:";

    private GlobalWords() {
    }

    /** Leaves whatever flow the contact is in; a survey in progress is recorded as abandoned. */
    static Turn cancel(TurnContext context) {
        Turn turn = Turn.idle();
        if (context.state() == ConversationState.IDLE) {
            return turn.say("There is nothing to cancel. Send *menu* to see what I can do.");
        }
        String responseId = context.data().get(SurveyFlow.RESPONSE_ID);
        if (context.state() == ConversationState.SURVEY_IN_PROGRESS && responseId != null) {
            turn = turn.andThen(new ConversationEffect.AbandonSurvey(responseId, "cancelled"));
        }
        return turn.say("Okay, I've stopped that. Send *menu* whenever you want to start again.");
    }

    static final String OPTED_OUT = "You won't receive marketing messages from us any more. "
            + "Send *START* if you change your mind.";
    static final String OPTED_IN = "You're subscribed to our messages again. Send *STOP* to unsubscribe.";

    /**
     * An opt-out word: the contact stops marketing messages, and, as "stop" always did, leaves the flow under way
     * (a survey is recorded as abandoned). The reply confirms the opt-out.
     */
    static Turn optOut(TurnContext context) {
        if (context.state() == ConversationState.HANDED_OVER) {
            // a person holds the conversation: it stays with them, and the opt-out is still confirmed
            return Turn.to(ConversationState.HANDED_OVER, context.data()).consent(false).say(OPTED_OUT);
        }
        Turn turn = Turn.idle().consent(false);
        String responseId = context.data().get(SurveyFlow.RESPONSE_ID);
        if (context.state() == ConversationState.SURVEY_IN_PROGRESS && responseId != null) {
            turn = turn.andThen(new ConversationEffect.AbandonSurvey(responseId, "cancelled"));
        }
        return turn.say(OPTED_OUT);
    }

    /**
     * An opt-in word: confirmed, and the menu, which START showed before it opted in. While a person holds the
     * conversation it stays with them, so only the confirmation: the bot's menu would answer for them.
     */
    static Turn optIn(TurnContext context) {
        if (context.state() == ConversationState.HANDED_OVER) {
            return Turn.to(ConversationState.HANDED_OVER, context.data()).consent(true).say(OPTED_IN);
        }
        Turn menu = menu(context);
        return new Turn(menu.next(), menu.stateData(), List.of(), menu.effects(), true, null, null)
                .say(OPTED_IN).say(menu.replies().get(0));
    }

    /** Shows what the bot can do; asking for the menu mid-flow leaves the flow, since the menu's answers mean something else. */
    static Turn menu(TurnContext context) {
        Turn turn = Turn.idle();
        String responseId = context.data().get(SurveyFlow.RESPONSE_ID);
        if (context.state() == ConversationState.SURVEY_IN_PROGRESS && responseId != null) {
            turn = turn.andThen(new ConversationEffect.AbandonSurvey(responseId, "left_for_menu"));
        }
        return turn.say(menuReply(context, "Hi! What would you like to do?"));
    }

    static OutboundReply menuReply(TurnContext context, String greeting) {
        List<OutboundReply.Choice> rows = new ArrayList<>();
        if (!context.events().eventsOnSale(context.organizationId(), context.now()).isEmpty()) {
            rows.add(new OutboundReply.Choice(MENU_TICKETS, "Buy tickets", "See events and book tickets"));
        }
        if (context.agenda().agendaDay(context.organizationId(), context.now()).isPresent()) {
            rows.add(new OutboundReply.Choice(MENU_AGENDA, "Event agenda", "Sessions, speakers and reminders"));
        }
        for (SurveyDefinition survey : context.surveys().activeSurveys(context.organizationId())) {
            if (rows.size() == 9) {
                break;
            }
            rows.add(new OutboundReply.Choice(SURVEY_PREFIX + survey.surveyId(), Texts.fit(survey.title(), 24),
                    "Take the survey"));
        }
        rows.add(new OutboundReply.Choice(MENU_HELP, "Help", "How to talk to me"));
        return new OutboundReply.ChoiceList(greeting, "Options", rows);
    }
}
