package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records that a member set a new password. The password's hash is kept by the service outside the event store,
 * so it can be replaced or erased; only the fact and its time are history.
 */
public record ChangePassword(@TargetAggregateIdentifier String teamId, String userId, Instant changedAt) {
}
