package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Queues an out-of-flow message to the contact, such as issued ticket codes. Such a message may come long after the
 * contact last wrote, when WhatsApp no longer takes free-form messages: {@code reengageTemplate} names the
 * organization's message template to send in its place then (null: the message expires once the window is closed).
 */
public record SendNotification(@TargetAggregateIdentifier String conversationId, String module, String action,
                               OutboundReply reply, String reengageTemplate) {
}
