package com.chatnation.crm.domain.agenda;

/** Every agenda event names its agenda, event and organization, so read models never need to look them up. */
public interface AgendaEvent {

    String agendaId();

    String eventId();

    String organizationId();
}
