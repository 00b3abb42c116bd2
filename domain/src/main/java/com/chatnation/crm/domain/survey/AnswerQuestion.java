package com.chatnation.crm.domain.survey;

import com.chatnation.crm.domain.messaging.MessageContent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A contact's message while a response waits on a question; {@code messageId} is WhatsApp's message id. */
public record AnswerQuestion(@TargetAggregateIdentifier String responseId, String messageId, MessageContent answer) {
}
