package com.chatnation.crm.domain.template;

import org.axonframework.serialization.Revision;

/** A template was created here and submitted to Meta, which answered with its id and first status. */
@Revision("1")
public record MessageTemplateSubmitted(String templateId, String organizationId, String name, String language,
                                       TemplateCategory category, TemplateContent content, String metaTemplateId,
                                       String status) implements MessageTemplateEvent {
}
