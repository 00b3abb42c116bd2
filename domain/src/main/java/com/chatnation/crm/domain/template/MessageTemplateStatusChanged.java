package com.chatnation.crm.domain.template;

import org.axonframework.serialization.Revision;

/** Meta changed the template's status; {@code reason} explains a rejection, pause or disabling when given. */
@Revision("1")
public record MessageTemplateStatusChanged(String templateId, String organizationId, String status, String previousStatus,
                                           String reason) implements MessageTemplateEvent {
}
