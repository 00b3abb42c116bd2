package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordPollVote;
import com.chatnation.crm.domain.poll.CastVote;
import com.chatnation.crm.domain.poll.VoteOutcome;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Voting: the contact tapped or typed an option → the {@code Poll} counts the vote, changes it or says why not →
 * the conversation answers with the outcome. Synchronous, in the message's transaction, so a retried message
 * neither counts a vote twice nor counts it without telling the contact.
 */
@Component
class PollVoteProcess implements ConversationProcess<ConversationEffect.VoteInPoll> {

    private final CommandGateway commands;

    PollVoteProcess(CommandGateway commands) {
        this.commands = commands;
    }

    @Override
    public Class<ConversationEffect.VoteInPoll> effect() {
        return ConversationEffect.VoteInPoll.class;
    }

    @Override
    public void run(ConversationEffect.VoteInPoll vote, EffectOrigin origin) {
        commands.sendAndWait(new RecordPollVote(origin.conversationId(), vote.pollId(), cast(vote, origin)));
    }

    private VoteOutcome cast(ConversationEffect.VoteInPoll vote, EffectOrigin origin) {
        try {
            return commands.sendAndWait(new CastVote(vote.pollId(), origin.organizationId(), origin.contactId(),
                    vote.optionId(), origin.at()));
        } catch (AggregateNotFoundException noSuchPoll) {
            // a tapped id can name anything: an old or made-up poll gets an answer, not an error
            return VoteOutcome.unknownPoll();
        }
    }
}
