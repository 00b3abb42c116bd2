package com.chatnation.crm.application.agenda;

import com.chatnation.crm.domain.conversation.AgendaCatalog;
import org.springframework.stereotype.Repository;

/** The conversation's view of the organization's agendas. */
@Repository
class JdbcAgendaCatalog implements AgendaCatalog {
}
