package com.chatnation.crm.domain.ticketing;

import java.time.Instant;

/**
 * What a gate tells the holder: {@code admitted} when this scan let them in; otherwise the ticket was used before, and
 * {@code at} and {@code gate} are those of that first admission, so the staff can say when and where.
 */
public record AdmissionOutcome(boolean admitted, Instant at, String gate) {
}
