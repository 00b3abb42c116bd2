package com.chatnation.crm.application.exhibitors;

import com.chatnation.crm.domain.conversation.ExhibitorCatalog;
import org.springframework.stereotype.Repository;

/** The conversation's view of the exhibitors at the organization's events. */
@Repository
class JdbcExhibitorCatalog implements ExhibitorCatalog {
}
