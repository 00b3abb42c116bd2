package com.chatnation.crm.application.replies;

import com.chatnation.crm.application.outbound.SendResult;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;

/** Hands one paid-for reply to WhatsApp. */
public interface ReplyTransport {

    SendResult send(String phoneNumberId, PhoneNumber to, OutboundReply reply, String inReplyToMessageId);
}
