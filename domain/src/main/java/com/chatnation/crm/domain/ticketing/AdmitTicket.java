package com.chatnation.crm.domain.ticketing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A ticket shown at a gate of its event. The caller supplies the event and ticket type it looked the code up in, who
 * scanned it and when, so the admission never reads a clock or another stream.
 *
 * @param gate    the entrance, as the gate staff name it ("Gate A"); 1 to {@value TicketAdmission#MAX_GATE_LENGTH}
 *                characters
 * @param staffId the staff member (or API key) that admitted it
 */
public record AdmitTicket(@TargetAggregateIdentifier String ticketCode, String organizationId, String eventId,
                          String ticketTypeId, String gate, String staffId, Instant at) {
}
