package com.chatnation.crm.domain.poll;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ends voting now, before the poll's closing time if it has one. */
public record ClosePoll(@TargetAggregateIdentifier String pollId, String organizationId, Instant at) {
}
