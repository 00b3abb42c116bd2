package com.chatnation.crm.domain.poll;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A contact picked an option. Answered with a {@link VoteOutcome} rather than refused with an exception: a vote
 * that does not count (closed, not open yet, not changeable) still gets the contact a polite answer.
 */
public record CastVote(@TargetAggregateIdentifier String pollId, String organizationId, String contactId,
                       String optionId, Instant at) {
}
