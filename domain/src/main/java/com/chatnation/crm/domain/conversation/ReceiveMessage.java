package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** One inbound WhatsApp message for the contact's conversation; the same message id is handled once. */
public record ReceiveMessage(@TargetAggregateIdentifier String conversationId, String organizationId, String contactId, PhoneNumber contact, String profileName, String messageId, Instant sentAt,
                             MessageContent content, MessageContext context, Duration inactivityTimeout) {
}
