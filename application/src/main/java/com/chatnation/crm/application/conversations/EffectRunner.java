package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.catalog.JdbcEventCatalog;
import com.chatnation.crm.domain.common.DomainRuleViolation;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.conversation.RecordTicketReservation;
import com.chatnation.crm.domain.conversation.ReservationOutcome;
import com.chatnation.crm.domain.survey.AbandonSurveyResponse;
import com.chatnation.crm.domain.survey.AnswerQuestion;
import com.chatnation.crm.domain.survey.StartSurveyResponse;
import com.chatnation.crm.domain.survey.SurveyStep;
import com.chatnation.crm.domain.ticketing.ReservationResult;
import com.chatnation.crm.domain.ticketing.ReserveTickets;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Carries out what a conversation decided that belongs to other aggregates (survey responses, ticket
 * inventory) and reports each outcome back to the conversation, which then replies. Runs inside the
 * caller's transaction, so a message and everything it caused commit together.
 */
@Component
class EffectRunner {

    private final CommandGateway commands;
    private final JdbcEventCatalog events;
    private final ConversationSettings settings;

    EffectRunner(CommandGateway commands, JdbcEventCatalog events, ConversationSettings settings) {
        this.commands = commands;
        this.events = events;
        this.settings = settings;
    }

    void run(String conversationId, String organizationId, String contactPhone, Instant at, ConversationEffect effect) {
        if (effect instanceof ConversationEffect.StartSurvey start) {
            SurveyStep step = commands.sendAndWait(new StartSurveyResponse(start.responseId(), organizationId,
                    contactPhone, conversationId, start.definition(), start.source(), settings.inactivityTimeout()));
            commands.sendAndWait(new RecordSurveyStep(conversationId, start.responseId(), step));
        } else if (effect instanceof ConversationEffect.AnswerSurvey answer) {
            commands.sendAndWait(new RecordSurveyStep(conversationId, answer.responseId(), answer(answer)));
        } else if (effect instanceof ConversationEffect.AbandonSurvey abandon) {
            abandon(abandon);
        } else if (effect instanceof ConversationEffect.ReserveTickets reserve) {
            commands.sendAndWait(new RecordTicketReservation(conversationId, reserve.reservationId(),
                    reserve(conversationId, contactPhone, at, reserve)));
        } else {
            throw new IllegalStateException("no runner for " + effect);
        }
    }

    private SurveyStep answer(ConversationEffect.AnswerSurvey answer) {
        try {
            return commands.sendAndWait(new AnswerQuestion(answer.responseId(), answer.messageId(), answer.answer()));
        } catch (DomainRuleViolation closed) {
            if (!"survey_response_closed".equals(closed.code())) {
                throw closed;
            }
            return new SurveyStep.Abandoned("closed", null); // ended by its own deadline; the conversation says so
        }
    }

    private void abandon(ConversationEffect.AbandonSurvey abandon) {
        try {
            commands.sendAndWait(new AbandonSurveyResponse(abandon.responseId(), abandon.reason()));
        } catch (DomainRuleViolation alreadyClosed) {
            if (!"survey_response_closed".equals(alreadyClosed.code())) {
                throw alreadyClosed;
            }
            // its own inactivity deadline got there first
        }
    }

    private ReservationOutcome reserve(String conversationId, String contactPhone, Instant at,
                                       ConversationEffect.ReserveTickets reserve) {
        try {
            ReservationResult result = commands.sendAndWait(new ReserveTickets(reserve.eventId(),
                    reserve.reservationId(), reserve.ticketTypeId(), reserve.quantity(), contactPhone, conversationId,
                    at, settings.ticketHold()));
            String[] names = events.names(reserve.eventId(), reserve.ticketTypeId())
                    .orElse(new String[]{"the event", "tickets"});
            return ReservationOutcome.reserved(names[0], names[1], result.quantity(), result.total(), result.currency(),
                    result.expiresAt());
        } catch (DomainRuleViolation refused) {
            return ReservationOutcome.refused(refused.getMessage());
        }
    }
}
