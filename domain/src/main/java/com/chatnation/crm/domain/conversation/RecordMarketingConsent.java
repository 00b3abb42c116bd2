package com.chatnation.crm.domain.conversation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A contact stopped ({@code optedIn} false) or resumed marketing messages outside the conversation's own words:
 * Meta's preferences webhook, WhatsApp's 131050 refusal, the API. The contact may never have written, so the
 * command may create the contact's stream. A statement older than the last one recorded changes nothing.
 */
public record RecordMarketingConsent(@TargetAggregateIdentifier String conversationId, String organizationId,
                                     String contactId, boolean optedIn, String source, Instant at) {
}
