package com.chatnation.crm.domain.template;

import org.axonframework.serialization.Revision;

/** A template found in Meta's list that this service had not made (made in WhatsApp Manager, say). */
@Revision("1")
public record MessageTemplateImported(String templateId, String organizationId, String name, String language,
                                      TemplateCategory category, TemplateContent content, String metaTemplateId,
                                      String status, String reason) implements MessageTemplateEvent {
}
