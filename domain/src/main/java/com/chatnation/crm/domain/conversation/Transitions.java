package com.chatnation.crm.domain.conversation;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import static com.chatnation.crm.domain.conversation.ConversationState.ANSWERING_POLL;
import static com.chatnation.crm.domain.conversation.ConversationState.CHOOSING_EVENT;
import static com.chatnation.crm.domain.conversation.ConversationState.CHOOSING_QUANTITY;
import static com.chatnation.crm.domain.conversation.ConversationState.CHOOSING_TICKET_TYPE;
import static com.chatnation.crm.domain.conversation.ConversationState.CONFIRMING_PURCHASE;
import static com.chatnation.crm.domain.conversation.ConversationState.CONFIRMING_REGISTRATION;
import static com.chatnation.crm.domain.conversation.ConversationState.HANDED_OVER;
import static com.chatnation.crm.domain.conversation.ConversationState.IDLE;
import static com.chatnation.crm.domain.conversation.ConversationState.CHOOSING_LEAD_PRODUCT;
import static com.chatnation.crm.domain.conversation.ConversationState.LEAVING_LEAD_NOTE;
import static com.chatnation.crm.domain.conversation.ConversationState.SHARING_LEAD;
import static com.chatnation.crm.domain.conversation.ConversationState.MAKING_CARD;
import static com.chatnation.crm.domain.conversation.ConversationState.SURVEY_IN_PROGRESS;

/**
 * The conversation's whole state machine in one place. The organization's consent words are read first, in every
 * state; while a person of the organization's team holds the conversation nothing else is the bot's business. Then
 * the organization's words for asking for a person, then the global words, which mean the same in every state; then
 * the current state's handler gets the message. A new flow is a new state or two and a line each here.
 */
final class Transitions {

    static final Transitions STANDARD = new Transitions()
            .everywhere(Intent.CANCEL, GlobalWords::cancel)
            .everywhere(Intent.MENU, GlobalWords::menu)
            .heldByAPerson(HANDED_OVER, HandoverFlow::personHolds)
            .in(IDLE, IdleFlow::route)
            .in(SURVEY_IN_PROGRESS, SurveyFlow::answer)
            .in(CHOOSING_EVENT, TicketFlow::chooseEvent)
            .in(CHOOSING_TICKET_TYPE, TicketFlow::chooseTicketType)
            .in(CHOOSING_QUANTITY, TicketFlow::chooseQuantity)
            .in(CONFIRMING_PURCHASE, TicketFlow::confirm)
            .in(CONFIRMING_REGISTRATION, TicketFlow::confirmRegistration)
            .in(ANSWERING_POLL, PollFlow::answer)
            .in(MAKING_CARD, CardFlow::answer)
            .in(ConversationState.BROWSING_AGENDA, AgendaFlow::browse)
            .in(SHARING_LEAD, LeadFlow::consent)
            .in(CHOOSING_LEAD_PRODUCT, LeadFlow::chooseProduct)
            .in(LEAVING_LEAD_NOTE, LeadFlow::note);

    private final Map<Intent, Function<TurnContext, Turn>> globalWords = new EnumMap<>(Intent.class);
    private final Map<ConversationState, Function<TurnContext, Turn>> states = new EnumMap<>(ConversationState.class);
    private final Map<ConversationState, Function<TurnContext, Turn>> heldByAPerson =
            new EnumMap<>(ConversationState.class);

    private Transitions everywhere(Intent intent, Function<TurnContext, Turn> handler) {
        globalWords.put(intent, handler);
        return this;
    }

    /** A state in which the bot only records: neither the handover words nor the global words apply. */
    private Transitions heldByAPerson(ConversationState state, Function<TurnContext, Turn> handler) {
        heldByAPerson.put(state, handler);
        return this;
    }

    private Transitions in(ConversationState state, Function<TurnContext, Turn> handler) {
        states.put(state, handler);
        return this;
    }

    Turn next(TurnContext context) {
        // The organization's consent words come first: "stop" is an opt-out word by default and still leaves the flow.
        Boolean consent = context.consentWord();
        if (consent != null) {
            return consent ? GlobalWords.optIn(context) : GlobalWords.optOut(context);
        }
        Function<TurnContext, Turn> person = heldByAPerson.get(context.state());
        if (person != null) {
            return person.apply(context);
        }
        if (context.asksForAPerson()) {
            return HandoverFlow.contactAsked(context);
        }
        if (PollFlow.isTappedVote(context)) {
            // a poll's buttons stay in the chat: a tap is a vote whatever flow the contact is in, and leaves it be
            return PollFlow.tappedVote(context);
        }
        if (KnowledgeFlow.isTapped(context)) {
            return KnowledgeFlow.tapped(context);
        }
        if (TicketFlow.isCancelTap(context)) {
            // the button stays under the payment instructions: a tap cancels whatever flow the contact is in now
            return TicketFlow.cancelTapped(context);
        }
        Function<TurnContext, Turn> global = globalWords.get(Intent.of(context.content()));
        if (global != null) {
            return global.apply(context);
        }
        Function<TurnContext, Turn> handler = states.get(context.state());
        if (handler == null) {
            throw new IllegalStateException("no transitions defined for state " + context.state());
        }
        return handler.apply(context);
    }
}
