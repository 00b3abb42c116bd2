package com.chatnation.crm.domain.exhibitor;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The exhibitor's details as they are now; {@code eventId} is unchanged, carried for the catalogs' sake. */
@Revision("1")
public record ExhibitorChanged(String exhibitorId, String organizationId, String eventId, String companyName,
                               String boothCode, String description, Instant at) implements ExhibitorEvent {
}
