package com.chatnation.crm.domain.agenda;

/** Every reminder event names its reminder, session, event, organization and contact. */
public interface SessionReminderEvent {

    String reminderId();

    String organizationId();

    String eventId();

    String sessionId();

    String contactId();
}
