package com.chatnation.crm.domain.template;

import org.axonframework.serialization.Revision;

/** The template was deleted at Meta. */
@Revision("1")
public record MessageTemplateDeleted(String templateId, String organizationId) implements MessageTemplateEvent {
}
