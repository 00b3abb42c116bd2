package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.UnsubscribeFromProgram;
import com.chatnation.crm.domain.program.UnsubscribedFromProgram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** Leaving a program by keyword: the contact's subscription ends; leaving one never joined changes nothing. */
@Component
class ProgramLeavingProcess implements ConversationProcess<ConversationEffect.LeaveProgram> {

    private final CommandGateway commands;

    ProgramLeavingProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<ConversationEffect.LeaveProgram> effect() {
        return ConversationEffect.LeaveProgram.class;
    }

    @Override
    public void run(ConversationEffect.LeaveProgram leave, EffectOrigin origin) {
        try {
            commands.sendAndWait(new UnsubscribeFromProgram(ProgramSubscription.idOf(leave.programId(),
                    origin.contactId()), origin.organizationId(), UnsubscribedFromProgram.KEYWORD, origin.at()));
        } catch (AggregateNotFoundException neverJoined) {
            // nothing to end: the contact's answer ("you've left") is true all the same
        }
    }
}
