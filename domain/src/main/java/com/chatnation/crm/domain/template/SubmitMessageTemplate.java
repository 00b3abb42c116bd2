package com.chatnation.crm.domain.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a template Meta accepted for review ({@code metaTemplateId}, usually {@code PENDING}). */
public record SubmitMessageTemplate(@TargetAggregateIdentifier String templateId, String organizationId, String name,
                                    String language, TemplateCategory category, TemplateContent content,
                                    String metaTemplateId, String status) {
}
