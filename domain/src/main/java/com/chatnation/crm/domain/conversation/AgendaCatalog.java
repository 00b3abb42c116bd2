package com.chatnation.crm.domain.conversation;

/** The organization's event agendas (sessions, rooms, speakers), as the conversation shows them to a contact. */
public interface AgendaCatalog {

    /** A catalog without agendas, for organizations and tests that have none. */
    AgendaCatalog NONE = new AgendaCatalog() {
    };
}
