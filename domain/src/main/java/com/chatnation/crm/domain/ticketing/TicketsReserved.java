package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Tickets are held for a contact until {@code expiresAt}. The price is copied in so the contact pays what
 * they were quoted, whatever the type costs later.
 */
@Revision("2")
public record TicketsReserved(String eventId, String organizationId, String reservationId, String ticketTypeId,
                              int quantity, @DataSubject String contactId,
                              @PersonalData String contactPhone, String conversationId, BigDecimal unitPrice,
                              BigDecimal total, String currency, Instant expiresAt, int remainingAfter)
        implements TicketingEvent {
}
