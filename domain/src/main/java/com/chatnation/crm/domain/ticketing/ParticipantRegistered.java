package com.chatnation.crm.domain.ticketing;

import com.chatnation.crm.domain.privacy.DataSubject;
import com.chatnation.crm.domain.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A contact takes part in the event. Kept apart from tickets because free events have participants without
 * tickets, and a buyer of several reservations is still one participant.
 *
 * @param source how they joined, e.g. {@code ticket_purchase} or {@code whatsapp}
 */
@Revision("2")
public record ParticipantRegistered(String eventId, String organizationId, @DataSubject String contactId,
                                    @PersonalData String contactPhone, String source)
        implements TicketingEvent {

    public static final String TICKET_PURCHASE = "ticket_purchase";
}
