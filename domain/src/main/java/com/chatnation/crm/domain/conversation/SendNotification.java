package com.chatnation.crm.domain.conversation;

import com.chatnation.crm.domain.messaging.OutboundReply;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Queues an out-of-flow message to the contact, such as issued ticket codes. */
public record SendNotification(@TargetAggregateIdentifier String conversationId, String module, String action, OutboundReply reply) {
}
