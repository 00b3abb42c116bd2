package com.chatnation.crm.application.conversations;

import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.MessageContent;
import com.chatnation.crm.domain.messaging.MessageContext;

import java.time.Instant;

/** One message a contact sent to an organization's WhatsApp number, whichever way it arrived. */
public record IncomingMessage(String organizationId, PhoneNumber from, String profileName, String messageId,
                              Instant sentAt, MessageContent content, MessageContext context) {
}
