package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

import java.util.Set;

/** A machine key was issued; only its hash is kept. The event's timestamp is when. */
@Revision("1")
public record ApiKeyIssued(String teamId, String organizationId, String keyId, String name, Set<ApiKeyScope> scopes,
                           String keyHash) implements TeamEvent {
}
