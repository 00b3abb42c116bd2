package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect.StartSurvey;
import com.chatnation.crm.domain.conversation.RecordSurveyStep;
import com.chatnation.crm.domain.survey.StartSurveyResponse;
import com.chatnation.crm.domain.survey.SurveyStep;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Starting a survey: the conversation picked a survey (by keyword or menu) → a new {@code SurveyResponse} starts
 * on that version of it and names the first question → the conversation records the step and asks it.
 * <p>
 * Synchronous, in the transaction of the message that asked for the survey: the first question is the reply
 * to that message, and it must be queued before the contact's next message (its first answer) is handled. A
 * refused start is not caught: the message fails as a whole and is retried, then set aside.
 */
@Component
class SurveyStartProcess implements ConversationProcess<StartSurvey> {

    private final CommandGateway commands;
    private final ConversationSettings settings;

    SurveyStartProcess(CommandGateway commands, ConversationSettings settings) {
        this.commands = commands;
        this.settings = settings;
    }

    @Override
    public Class<StartSurvey> effect() {
        return StartSurvey.class;
    }

    @Override
    public void run(StartSurvey start, EffectOrigin origin) {
        SurveyStep first = commands.sendAndWait(new StartSurveyResponse(start.responseId(), origin.organizationId(),
                origin.contactId(), origin.contactPhone(), origin.conversationId(), start.definition(), start.source(),
                settings.inactivityTimeout()));
        commands.sendAndWait(new RecordSurveyStep(origin.conversationId(), start.responseId(), first));
    }
}
