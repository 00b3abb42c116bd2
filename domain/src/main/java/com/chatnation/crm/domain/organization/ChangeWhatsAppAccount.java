package com.chatnation.crm.domain.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Names the WhatsApp Business Account (WABA) the organization's number and message templates belong to. */
public record ChangeWhatsAppAccount(@TargetAggregateIdentifier String organizationId, String whatsAppAccountId) {
}
