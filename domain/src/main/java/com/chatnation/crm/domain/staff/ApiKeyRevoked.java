package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

/** A machine key was withdrawn for good. */
@Revision("1")
public record ApiKeyRevoked(String teamId, String organizationId, String keyId) implements TeamEvent {
}
