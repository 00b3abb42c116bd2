package com.chatnation.crm.domain.poll;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Opens a poll of 2 to 10 options. {@code opensAt} null opens it at once; {@code closesAt} null keeps it open until it
 * is closed. {@code keyword} (optional) is what a contact types to be shown it; {@code eventSessionId} (optional)
 * attaches it to an event's session, whose results it then is.
 */
public record CreatePoll(@TargetAggregateIdentifier String pollId, String organizationId, String question,
                         List<String> options, Instant opensAt, Instant closesAt, boolean votesChangeable,
                         String keyword, String eventSessionId, Instant requestedAt) {
}
