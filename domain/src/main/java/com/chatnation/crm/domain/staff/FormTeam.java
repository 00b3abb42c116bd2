package com.chatnation.crm.domain.staff;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Starts the organization's team. When {@code onboardingKeyHash} is given, the team starts with a read-only
 * machine key under that hash (the key handed out at onboarding); the key itself never reaches the event store.
 */
public record FormTeam(@TargetAggregateIdentifier String teamId, String organizationId, String onboardingKeyHash) {
}
