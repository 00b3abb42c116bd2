package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.poll.VoteOutcome;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Tells the conversation what became of the vote it passed on, so it can answer the contact. */
public record RecordPollVote(@TargetAggregateIdentifier String conversationId, String pollId, VoteOutcome outcome) {
}
