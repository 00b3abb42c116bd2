package com.chatnation.crm.domain.program;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Ends a program for good: nothing more is sent and its content can no longer change. */
public record ArchiveProgram(@TargetAggregateIdentifier String programId, String organizationId, Instant at) {
}
