package com.chatnation.crm.domain.staff;

import org.axonframework.serialization.Revision;

/** The organization has a team; members and machine keys can be added. */
@Revision("1")
public record TeamFormed(String teamId, String organizationId) implements TeamEvent {
}
