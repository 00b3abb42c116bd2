package com.chatnation.crm.domain.program;

import java.time.Instant;

/** The item is no longer sent; deliveries already made of it stay recorded on the subscriptions. */
public record ContentItemRemoved(String programId, String organizationId, String itemId, Instant at)
        implements ProgramEvent {
}
