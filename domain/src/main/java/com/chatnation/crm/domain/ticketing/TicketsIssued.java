package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/** A reservation was paid and became tickets; the codes are what the contact shows at the door. */
@Revision("2")
public record TicketsIssued(String eventId, String organizationId, String reservationId, String ticketTypeId,
                            @DataSubject String contactId, @PersonalData String contactPhone, List<String> ticketCodes, String paymentReference, BigDecimal total,
                            String currency) implements TicketingEvent {

    public TicketsIssued {
        ticketCodes = List.copyOf(ticketCodes);
    }
}
