package com.chatnation.crm.domain.privacy;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The organization's retention period destroyed the monthly keys of message texts written before {@code before}
 * (the start of the first month kept, UTC): those texts are now unreadable wherever they were sealed, in the event
 * log included. Published on its own, without an aggregate, in the transaction that destroys the keys, so read
 * models that derived something from the texts can forget it as a rebuild, which no longer reads them, would.
 */
@Revision("1")
public record MessageTextsExpired(String organizationId, Instant before, int keysDestroyed) {
}
