package com.chatnation.crm.domain.ticketing;

/** Every ticketing event names its event and organization, so read models never need to look either up. */
public interface TicketingEvent {

    String eventId();

    String organizationId();
}
