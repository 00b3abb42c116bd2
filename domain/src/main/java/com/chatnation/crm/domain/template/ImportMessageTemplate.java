package com.chatnation.crm.domain.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What Meta's template list says of one template: a template made elsewhere (WhatsApp Manager) is taken in as
 * Meta has it; a known one has its status and category brought up to date.
 */
public record ImportMessageTemplate(@TargetAggregateIdentifier String templateId, String organizationId, String name,
                                    String language, TemplateCategory category, TemplateContent content,
                                    String metaTemplateId, String status, String reason) {
}
