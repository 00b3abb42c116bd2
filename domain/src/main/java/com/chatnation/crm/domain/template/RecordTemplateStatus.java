package com.chatnation.crm.domain.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Meta's review or quality decision: APPROVED, REJECTED (with a reason), PAUSED, DISABLED, … */
public record RecordTemplateStatus(@TargetAggregateIdentifier String templateId, String status, String reason) {
}
