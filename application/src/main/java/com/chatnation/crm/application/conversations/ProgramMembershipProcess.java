package com.chatnation.crm.application.conversations;

import com.chatnation.crm.application.programs.ProgramStarts;
import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.program.ProgramSubscription;
import com.chatnation.crm.domain.program.SubscribeToProgram;
import com.chatnation.crm.domain.program.SubscribedToProgram;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Joining a program by its keyword: the contact's {@code ProgramSubscription} is started (or started again), in the
 * message's transaction, from where the program says new subscribers start.
 */
@Component
class ProgramMembershipProcess implements ConversationProcess<ConversationEffect.JoinProgram> {

    private final CommandGateway commands;
    private final ProgramStarts starts;

    ProgramMembershipProcess(CommandGateway commands, ProgramStarts starts) {
        this.commands = commands;
        this.starts = starts;
    }

    @Override
    public Class<ConversationEffect.JoinProgram> effect() {
        return ConversationEffect.JoinProgram.class;
    }

    @Override
    public void run(ConversationEffect.JoinProgram join, EffectOrigin origin) {
        commands.sendAndWait(new SubscribeToProgram(ProgramSubscription.idOf(join.programId(), origin.contactId()),
                join.programId(), origin.organizationId(), origin.contactId(), origin.conversationId(),
                SubscribedToProgram.KEYWORD, starts.startAfter(join.programId(), origin.at()), origin.at()));
    }
}
