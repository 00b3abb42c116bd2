package com.chatnation.crm.domain.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Meta recategorized the template (its {@code template_category_update} webhook). */
public record RecordTemplateCategory(@TargetAggregateIdentifier String templateId, TemplateCategory category) {
}
