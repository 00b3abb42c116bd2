package com.chatnation.crm.domain.template;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The template was deleted at Meta; it can no longer be sent. */
public record DeleteMessageTemplate(@TargetAggregateIdentifier String templateId) {
}
