package com.chatnation.crm.application.billing;

import com.chatnation.crm.application.platform.whatsapp.SendResult;
import com.chatnation.crm.application.platform.whatsapp.TemplateMessage;
import com.chatnation.crm.domain.common.PhoneNumber;
import com.chatnation.crm.domain.messaging.OutboundReply;

/** Hands one paid-for reply to WhatsApp: free-form, or as the template that re-engages the contact. */
interface ReplyTransport {

    SendResult send(String phoneNumberId, PhoneNumber to, OutboundReply reply, String inReplyToMessageId);

    SendResult sendTemplate(String phoneNumberId, PhoneNumber to, TemplateMessage template);
}
