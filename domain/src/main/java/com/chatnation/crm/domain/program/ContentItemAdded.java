package com.chatnation.crm.domain.program;

import java.time.Instant;

/** The item is part of the program from now on, at its place. */
public record ContentItemAdded(String programId, String organizationId, ContentItem item, Instant at)
        implements ProgramEvent {
}
