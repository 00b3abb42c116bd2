package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.MessageContent;

import java.util.Map;
import java.util.Set;

/**
 * A contact with no flow under way: route keywords and menu picks to a flow, answer anything else helpfully. Messages
 * the bot does not understand in a row are counted in the state data ({@value #NOT_UNDERSTOOD}); at the
 * organization's limit the bot hands the conversation to its team. Any message it understands starts the count
 * again (its turn carries other state data).
 */
final class IdleFlow {

    static final String NOT_UNDERSTOOD = "notUnderstood";

    static final Set<String> TICKET_WORDS = Set.of("tickets", "ticket", "buy tickets", "buy ticket", "tiketi");

    private IdleFlow() {
    }

    static Turn route(TurnContext context) {
        String tapped = context.tappedId();
        if (GlobalWords.MENU_HELP.equals(tapped)) {
            return Turn.idle().say("Send *menu* to see options, *tickets* to book an event, a survey's keyword to "
                    + "take it, and *cancel* to stop whatever we are doing.");
        }
        if (GlobalWords.MENU_TICKETS.equals(tapped) || TICKET_WORDS.contains(context.word())) {
            return TicketFlow.start(context);
        }
        if (GlobalWords.MENU_AGENDA.equals(tapped) || AgendaFlow.asks(context)) {
            return AgendaFlow.start(context);
        }
        if (AgendaFlow.isTapped(context)) {
            return AgendaFlow.tapped(context);
        }
        if (tapped != null && tapped.startsWith(GlobalWords.SURVEY_PREFIX)) {
            String surveyId = tapped.substring(GlobalWords.SURVEY_PREFIX.length());
            return context.surveys().survey(context.organizationId(), surveyId)
                    .map(survey -> SurveyFlow.start(context, survey, "menu"))
                    .orElseGet(() -> Turn.idle().say(GlobalWords.menuReply(context,
                            "That survey is no longer open. Here is what I can do:")));
        }
        // a booth's QR code types "LEAD A15": read before the keywords, which could not mean it
        var booth = LeadFlow.boothNamed(context, false);
        if (booth.isPresent()) {
            return LeadFlow.ask(booth.get());
        }
        var byKeyword = context.surveys().surveyForKeyword(context.organizationId(), context.word());
        if (byKeyword.isPresent()) {
            return SurveyFlow.start(context, byKeyword.get(), "keyword:" + context.word());
        }
        // poll keywords are kept with single spaces between words
        var poll = context.polls().pollForKeyword(context.organizationId(), context.word().replaceAll("\\s+", " "));
        if (poll.isPresent()) {
            return PollFlow.show(context, poll.get());
        }
        String words = context.word().replaceAll("\\s+", " ");
        var program = context.programs().programForKeyword(context.organizationId(), words);
        if (program.isPresent()) {
            return ProgramFlow.join(program.get());
        }
        var leaving = ProgramFlow.toLeave(context, words);
        if (leaving.isPresent()) {
            return ProgramFlow.leave(leaving.get());
        }
        var card = context.cards().cardForKeyword(context.organizationId(), context.word().replaceAll("\\s+", " "));
        if (card.isPresent()) {
            return CardFlow.start(context, card.get());
        }
        // a booth's code typed alone ("A15") only when no keyword took it
        var boothByCode = LeadFlow.boothNamed(context, true);
        if (boothByCode.isPresent()) {
            return LeadFlow.ask(boothByCode.get());
        }
        var unknownBooth = LeadFlow.unknownBooth(context);
        if (unknownBooth.isPresent()) {
            return unknownBooth.get();
        }
        MessageContent content = context.content();
        if (content instanceof MessageContent.Reaction || content instanceof MessageContent.SystemNotice) {
            // not requests: answering them would be noise, and they neither add to nor end a run of misunderstandings
            return Turn.to(ConversationState.IDLE, context.data());
        }
        if (content instanceof MessageContent.Unsupported) {
            return notUnderstood(context, "Sorry, I can't read that kind of message yet. Here is what I can do:");
        }
        if (KnowledgeFlow.asks(context)) {
            return KnowledgeFlow.ask(context);
        }
        return notUnderstood(context, "Sorry, I didn't understand that. Here is what I can do:");
    }

    private static Turn notUnderstood(TurnContext context, String apology) {
        int inARow = count(context.data().get(NOT_UNDERSTOOD)) + 1;
        int limit = context.handover() == null ? 0 : context.handover().notUnderstoodLimit();
        if (limit > 0 && inARow >= limit) {
            return HandoverFlow.botCouldNotHelp(context);
        }
        return Turn.to(ConversationState.IDLE, Map.of(NOT_UNDERSTOOD, Integer.toString(inARow)))
                .say(GlobalWords.menuReply(context, apology));
    }

    /** A run of misunderstandings as the state data keeps it; anything unreadable counts as none. */
    static int count(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException notACount) {
            return 0;
        }
    }
}
