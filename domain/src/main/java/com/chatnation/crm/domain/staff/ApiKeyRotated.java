package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

/** A machine key got a new secret; the previous one no longer works. */
@Revision("1")
public record ApiKeyRotated(String teamId, String organizationId, String keyId, String newKeyHash) implements TeamEvent {
}
