package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.conversation.ConversationEffect;
import com.chatnation.crm.domain.conversation.RecordPollVote;
import com.chatnation.crm.domain.poll.CastVote;
import com.chatnation.crm.domain.poll.VoteOutcome;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;

import static com.chatnation.crm.application.conversations.Fixtures.AT;
import static com.chatnation.crm.application.conversations.Fixtures.CONVERSATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORGANIZATION;
import static com.chatnation.crm.application.conversations.Fixtures.ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

class PollVoteProcessTest {

    @Test
    void theVoteIsCastAsTheContactOfTheMessageAtItsTimeAndItsOutcomeGoesBackToTheConversation() {
        VoteOutcome changed = new VoteOutcome(VoteOutcome.Result.CHANGED, "Topic?", "Cloud", "AI", AT, null);
        RecordingCommandGateway commands = new RecordingCommandGateway().answering(CastVote.class, vote -> changed);

        new PollVoteProcess(commands).run(new ConversationEffect.VoteInPoll("poll-1", "2"), ORIGIN);

        assertThat(commands.the(CastVote.class))
                .isEqualTo(new CastVote("poll-1", ORGANIZATION, ORIGIN.contactId(), "2", AT));
        assertThat(commands.the(RecordPollVote.class)).isEqualTo(new RecordPollVote(CONVERSATION, "poll-1", changed));
    }

    @Test
    void aPollThatDoesNotExistIsAnsweredAsUnknownRatherThanFailingTheMessage() {
        RecordingCommandGateway commands = new RecordingCommandGateway()
                .refusing(CastVote.class, new AggregateNotFoundException("poll-x", "no such poll"));

        new PollVoteProcess(commands).run(new ConversationEffect.VoteInPoll("poll-x", "1"), ORIGIN);

        assertThat(commands.the(RecordPollVote.class).outcome()).isEqualTo(VoteOutcome.unknownPoll());
    }
}
