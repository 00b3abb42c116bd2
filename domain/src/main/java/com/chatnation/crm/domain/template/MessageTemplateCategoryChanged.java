package com.chatnation.crm.domain.template;

import org.axonframework.serialization.Revision;

/** Meta moved the template to another category, which changes what sending it costs. */
@Revision("1")
public record MessageTemplateCategoryChanged(String templateId, String organizationId, TemplateCategory category,
                                             TemplateCategory previousCategory) implements MessageTemplateEvent {
}
