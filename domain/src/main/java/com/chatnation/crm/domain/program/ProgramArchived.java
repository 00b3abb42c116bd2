package com.chatnation.crm.domain.program;

import java.time.Instant;

/**
 * The program ended: nothing more goes out. Its subscriptions are streams of their own, so they are ended apart
 * from it, with the reason {@code program_archived}.
 */
public record ProgramArchived(String programId, String organizationId, Instant at) implements ProgramEvent {
}
